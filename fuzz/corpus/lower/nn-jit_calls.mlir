func.func @pool(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %0 = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func @double(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = arith.addf %x, %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
