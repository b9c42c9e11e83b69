func.func @loss(%w1: tensor<6x5xf32> {nn.name = "w1"}, %b1: tensor<5xf32> {nn.name = "b1"},
                %w2: tensor<5x4xf32> {nn.name = "w2"}, %b2: tensor<4xf32> {nn.name = "b2"},
                %x: tensor<8x6xf32>, %labels: tensor<8xi32>) -> tensor<f32> {
  %0 = nn.dense %x, %w1, %b1 : (tensor<8x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<8x5xf32>
  %1 = nn.tanh %0 : tensor<8x5xf32>
  %2 = nn.dense %1, %w2, %b2 : (tensor<8x5xf32>, tensor<5x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %3 = nn.sparse_softmax_cross_entropy %2, %labels : (tensor<8x4xf32>, tensor<8xi32>) -> tensor<f32>
  return %3 : tensor<f32>
}
