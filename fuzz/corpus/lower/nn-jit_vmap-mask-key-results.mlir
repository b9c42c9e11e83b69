func.func @masks(%lengths: tensor<2xi32>) -> tensor<2x3xi1> {
  %0 = nn.sequence_mask %lengths : tensor<2xi32> -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}
func.func @keys(%k: !nn.key) -> tensor<2x!nn.key> {
  %0 = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  return %0 : tensor<2x!nn.key>
}
