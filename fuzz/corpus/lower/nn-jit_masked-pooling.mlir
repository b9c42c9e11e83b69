func.func @direct(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %0 = nn.global_avg_pool %d mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func private @pooling_layer(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %0 = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func @wrapped(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %0 = func.call @pooling_layer(%d) : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func private @masking_layer(%x: tensor<3x3x1xf32>) -> tensor<3x3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  return %d : tensor<3x3x1xf32>
}

func.func @caller(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d = func.call @masking_layer(%x) : (tensor<3x3x1xf32>) -> tensor<3x3x1xf32>
  %0 = nn.global_avg_pool %d : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func @explicit(%x: tensor<3x3x1xf32>, %m: tensor<3x3xi1>) -> (tensor<3x1xf32>, tensor<3x1xf32>) {
  %0 = nn.global_avg_pool %x mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  %1 = nn.global_max_pool %x mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  return %0, %1 : tensor<3x1xf32>, tensor<3x1xf32>
}

func.func @direct2(%x: tensor<2x2x2xf32>) -> tensor<2x2xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<2x2x2xf32> -> tensor<2x2x2xf32>, tensor<2x2xi1>
  %0 = nn.global_avg_pool %d mask %m : (tensor<2x2x2xf32>, tensor<2x2xi1>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
