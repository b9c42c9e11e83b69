// A result of 2^40 floats (4 TiB): a valid shape no host can allocate.
func.func @f(%k: !nn.key) -> tensor<1099511627776xf32> {
  %u = nn.rng.uniform %k : tensor<1099511627776xf32>
  return %u : tensor<1099511627776xf32>
}
