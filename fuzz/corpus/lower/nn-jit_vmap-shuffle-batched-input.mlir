func.func @f(%x: tensor<4x2xf32>, %k: !nn.key) -> tensor<4x2xf32> {
  %s = nn.rng.shuffle %x, %k : tensor<4x2xf32>
  return %s : tensor<4x2xf32>
}
