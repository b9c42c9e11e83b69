func.func @avg_pool(%x: tensor<3x3x1xf32>, %m: tensor<3x3xi1>) -> tensor<3x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}
