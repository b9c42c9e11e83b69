func.func @f(%x: tensor<7xf32>) -> tensor<7xf32> {
  %0 = nn.sigmoid %x : tensor<7xf32>
  return %0 : tensor<7xf32>
}
