func.func @masked(%x: tensor<16x256x256xf32>, %m: tensor<256x256xi1>) -> tensor<16x256x256xf32> {
  %0 = nn.softmax %x mask %m : tensor<16x256x256xf32>, tensor<256x256xi1>
  return %0 : tensor<16x256x256xf32>
}
