func.func @softmax(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = nn.softmax %x : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}
