func.func @f(%x: tensor<2x3xf32>, %m: tensor<2x3xi1>) -> tensor<2x3xf32> {
  %0 = nn.softmax %x mask %m : tensor<2x3xf32>, tensor<2x3xi1>
  return %0 : tensor<2x3xf32>
}
