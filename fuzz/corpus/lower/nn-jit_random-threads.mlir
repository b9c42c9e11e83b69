func.func @draws(%k7: !nn.key, %k8: !nn.key, %k9: !nn.key, %x: tensor<1048576xf32>)
    -> (tensor<1048576xf32>, tensor<1048576xf32>, tensor<1048576xf32>) {
  %u = nn.rng.uniform %k7 : tensor<1048576xf32>
  %n = nn.rng.normal %k8 : tensor<1048576xf32>
  %d = nn.dropout %x, %k9 rate = 0.25 : tensor<1048576xf32>
  return %u, %n, %d : tensor<1048576xf32>, tensor<1048576xf32>, tensor<1048576xf32>
}
