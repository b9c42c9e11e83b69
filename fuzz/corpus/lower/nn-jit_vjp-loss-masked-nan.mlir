func.func @f(%x: tensor<2x3xf32>, %l: tensor<2xi32>, %m: tensor<2xi1>) -> tensor<f32> {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi1>) -> tensor<f32>
  return %0 : tensor<f32>
}
