func.func @avg(%x: tensor<4x64x256xf32>) -> tensor<4x256xf32> {
  %0 = nn.global_avg_pool %x : (tensor<4x64x256xf32>) -> tensor<4x256xf32>
  return %0 : tensor<4x256xf32>
}
