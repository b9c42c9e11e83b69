func.func @f(%k: !nn.key) -> tensor<4xf32> {
  %ks = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %u = nn.rng.uniform %k1 : tensor<4xf32>
  return %u : tensor<4xf32>
}
