func.func @avg(%x: tensor<3x16x256xf32>, %m: tensor<3x16xi1>) -> tensor<3x256xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<3x16x256xf32>, tensor<3x16xi1>) -> tensor<3x256xf32>
  return %0 : tensor<3x256xf32>
}

func.func @max(%x: tensor<3x16x256xf32>, %m: tensor<3x16xi1>) -> tensor<3x256xf32> {
  %0 = nn.global_max_pool %x mask %m : (tensor<3x16x256xf32>, tensor<3x16xi1>) -> tensor<3x256xf32>
  return %0 : tensor<3x256xf32>
}
