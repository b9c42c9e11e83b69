func.func @sparse_ce(%x: tensor<2x3x5xf32>, %l: tensor<2x3xi64>, %m: tensor<2x3xi1>, %w: tensor<2x3xf32>) -> (tensor<f32>, tensor<2x3xf32>, tensor<f32>) {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m sample_weight %w : (tensor<2x3x5xf32>, tensor<2x3xi64>, tensor<2x3xi1>, tensor<2x3xf32>) -> tensor<f32>
  %1 = nn.sparse_softmax_cross_entropy %x, %l reduction = none : (tensor<2x3x5xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  %2 = nn.sparse_softmax_cross_entropy %x, %l mask %m reduction = sum : (tensor<2x3x5xf32>, tensor<2x3xi64>, tensor<2x3xi1>) -> tensor<f32>
  return %0, %1, %2 : tensor<f32>, tensor<2x3xf32>, tensor<f32>
}

func.func @softmax_ce(%x: tensor<4x5xf32>, %t: tensor<4x5xf32>, %w: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %0 = nn.softmax_cross_entropy %x, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<f32>
  %1 = nn.softmax_cross_entropy %x, %t : (tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}

func.func @sigmoid_bce(%x: tensor<3x4xf32>, %z: tensor<3x4xf32>, %m: tensor<3xi1>) -> (tensor<f32>, tensor<3xf32>) {
  %0 = nn.sigmoid_binary_cross_entropy %x, %z mask %m : (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3xi1>) -> tensor<f32>
  %1 = nn.sigmoid_binary_cross_entropy %x, %z reduction = none : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<f32>, tensor<3xf32>
}

func.func @mse(%y: tensor<3x4xf32>, %t: tensor<3x4xf32>, %w: tensor<3xf32>) -> (tensor<f32>, tensor<f32>) {
  %0 = nn.mean_squared_error %y, %t sample_weight %w : (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<f32>
  %1 = nn.mean_squared_error %y, %t sample_weight %w reduction = sum : (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}
