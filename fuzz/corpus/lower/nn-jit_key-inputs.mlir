func.func @one(%k: !nn.key {nn.name = "seed"}) -> !nn.key {
  return %k : !nn.key
}

func.func @many(%k: tensor<3x!nn.key>) -> tensor<3x!nn.key> {
  return %k : tensor<3x!nn.key>
}
