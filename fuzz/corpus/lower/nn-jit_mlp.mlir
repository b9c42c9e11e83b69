func.func @mlp(%x: tensor<4x784xf32>,
               %w1: tensor<784x128xf32> {nn.name = "w1"}, %b1: tensor<128xf32> {nn.name = "b1"},
               %w2: tensor<128x10xf32> {nn.name = "w2"}, %b2: tensor<10xf32> {nn.name = "b2"})
    -> (tensor<4x10xf32> {nn.name = "probs"}) {
  %h = nn.dense %x, %w1, %b1 : (tensor<4x784xf32>, tensor<784x128xf32>, tensor<128xf32>) -> tensor<4x128xf32>
  %a = nn.relu %h : tensor<4x128xf32>
  %o = nn.dense %a, %w2, %b2 : (tensor<4x128xf32>, tensor<128x10xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  %p = nn.softmax %o : tensor<4x10xf32>
  return %p : tensor<4x10xf32>
}
