func.func @softmax_rows(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %y = nn.softmax %x axis = 0 : tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

func.func @sequence_loss(%logits: tensor<2x3x3xf32>, %labels: tensor<2x3xi32>) -> tensor<f32> {
  %l = nn.sparse_softmax_cross_entropy %logits, %labels : (tensor<2x3x3xf32>, tensor<2x3xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
