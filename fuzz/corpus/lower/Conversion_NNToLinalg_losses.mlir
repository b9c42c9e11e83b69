func.func @sparse(%x: tensor<2x3x4xf32>, %l: tensor<2x3xi32>, %m: tensor<2x3xi1>, %w: tensor<2x3xf32>) -> tensor<f32> {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m sample_weight %w : (tensor<2x3x4xf32>, tensor<2x3xi32>, tensor<2x3xi1>, tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
