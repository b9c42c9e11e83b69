func.func @dropout(%x: tensor<4x8xf32>, %k: !nn.key) -> tensor<4x8xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

func.func @dropout_big(%x: tensor<4x300xf32>, %k: !nn.key) -> tensor<4x300xf32> {
  %0 = nn.dropout %x, %k rate = 0.3 : tensor<4x300xf32>
  return %0 : tensor<4x300xf32>
}

func.func @bernoulli(%k: !nn.key) -> tensor<3x50xi1> {
  %0 = nn.rng.bernoulli %k p = 0.25 : tensor<3x50xi1>
  return %0 : tensor<3x50xi1>
}

func.func @drop_all(%x: tensor<2x2xf32>, %k: !nn.key) -> tensor<2x2xf32> {
  %0 = nn.dropout %x, %k rate = 1.0 : tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
