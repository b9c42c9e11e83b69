func.func @sgd(%p: tensor<4x8xf32>, %g: tensor<4x8xf32>, %lr: tensor<f32>) -> tensor<4x8xf32> {
  %0 = nn.sgd_update %p, %g lr %lr : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
