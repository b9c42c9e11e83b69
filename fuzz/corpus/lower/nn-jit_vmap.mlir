func.func @mlp(%x: tensor<4xf32>, %w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
               %w2: tensor<16x3xf32> {nn.name = "w2"}, %b2: tensor<3xf32> {nn.name = "b2"}) -> tensor<3xf32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %t = nn.tanh %h : tensor<16xf32>
  %y = nn.dense %t, %w2, %b2 : (tensor<16xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

func.func @drop(%x: tensor<16xf32>, %k: !nn.key) -> tensor<16xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<16xf32>
  return %0 : tensor<16xf32>
}

func.func @masked_mean(%x: tensor<1x3x1xf32>, %m: tensor<1x3xi1>) -> tensor<1x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<1x3x1xf32>, tensor<1x3xi1>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}
