func.func @dense(%x: tensor<1x2xf32>, %w: tensor<2x32xf32>) -> tensor<1x32xf32> {
  %0 = nn.dense %x, %w : (tensor<1x2xf32>, tensor<2x32xf32>) -> tensor<1x32xf32>
  return %0 : tensor<1x32xf32>
}
