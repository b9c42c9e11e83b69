func.func private @hidden(%x: tensor<5x4xf32>, %w1: tensor<4x16xf32>, %b1: tensor<16xf32>) -> tensor<5x16xf32> {
  %pre = nn.dense %x, %w1, %b1 {nn.export = "h1_pre"} : (tensor<5x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<5x16xf32>
  %post = nn.relu %pre {nn.export = "h1_post"} : tensor<5x16xf32>
  return %post : tensor<5x16xf32>
}

func.func @mlp(%x: tensor<5x4xf32>,
               %w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
               %w2: tensor<16x8xf32> {nn.name = "w2"}, %b2: tensor<8xf32> {nn.name = "b2"},
               %w3: tensor<8x3xf32> {nn.name = "w3"}) -> (tensor<5x3xf32> {nn.name = "prediction"}) {
  %h1 = func.call @hidden(%x, %w1, %b1) : (tensor<5x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<5x16xf32>
  %pre = nn.dense %h1, %w2, %b2 {nn.export = "h2_pre"} : (tensor<5x16xf32>, tensor<16x8xf32>, tensor<8xf32>) -> tensor<5x8xf32>
  %post = nn.tanh %pre {nn.export = "h2_post"} : tensor<5x8xf32>
  %y = nn.dense %post, %w3 : (tensor<5x8xf32>, tensor<8x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}
