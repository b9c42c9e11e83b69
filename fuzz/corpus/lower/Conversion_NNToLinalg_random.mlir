func.func @bits(%k: !nn.key) -> tensor<4x8xi32> {
  %0 = nn.rng.bits %k : tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}
