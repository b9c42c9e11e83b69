func.func @f(%x: tensor<1x3xf32>, %m: tensor<1x3xi1>) -> tensor<1x3xf32> {
  %0 = nn.softmax %x mask %m : tensor<1x3xf32>, tensor<1x3xi1>
  return %0 : tensor<1x3xf32>
}
