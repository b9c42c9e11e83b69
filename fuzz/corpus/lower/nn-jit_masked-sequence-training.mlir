func.func @padded(%x: tensor<2x4x3xf32>, %w: tensor<3x5xf32>, %b: tensor<5xf32>, %labels: tensor<2x4xi32>) -> tensor<f32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<2x4x3xf32> -> tensor<2x4x3xf32>, tensor<2x4xi1>
  %h = nn.dense %d, %w, %b : (tensor<2x4x3xf32>, tensor<3x5xf32>, tensor<5xf32>) -> tensor<2x4x5xf32>
  %a = nn.tanh %h : tensor<2x4x5xf32>
  %l = nn.sparse_softmax_cross_entropy %a, %labels : (tensor<2x4x5xf32>, tensor<2x4xi32>) -> tensor<f32>
  return %l : tensor<f32>
}

func.func @unpadded(%x: tensor<1x5x3xf32>, %w: tensor<3x5xf32>, %b: tensor<5xf32>, %labels: tensor<1x5xi32>) -> tensor<f32> {
  %h = nn.dense %x, %w, %b : (tensor<1x5x3xf32>, tensor<3x5xf32>, tensor<5xf32>) -> tensor<1x5x5xf32>
  %a = nn.tanh %h : tensor<1x5x5xf32>
  %l = nn.sparse_softmax_cross_entropy %a, %labels : (tensor<1x5x5xf32>, tensor<1x5xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
