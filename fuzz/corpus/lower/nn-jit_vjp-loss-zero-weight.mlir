func.func @f(%y: tensor<2x3xf32>, %t: tensor<2x3xf32>, %w: tensor<2xf32>) -> tensor<f32> {
  %0 = nn.mean_squared_error %y, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
