func.func @avg(%x: tensor<8x512x256xf32>, %m: tensor<8x512xi1>) -> tensor<8x256xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<8x512x256xf32>, tensor<8x512xi1>) -> tensor<8x256xf32>
  return %0 : tensor<8x256xf32>
}

func.func @mean(%x: tensor<8x512x256xf32>) -> tensor<8x256xf32> {
  %0 = nn.global_avg_pool %x : (tensor<8x512x256xf32>) -> tensor<8x256xf32>
  return %0 : tensor<8x256xf32>
}
