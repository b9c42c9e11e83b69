func.func @masked(%x: tensor<6x4xf32>, %m: tensor<6x4xi1>) -> tensor<6x4xf32> {
  %0 = nn.softmax %x mask %m : tensor<6x4xf32>, tensor<6x4xi1>
  return %0 : tensor<6x4xf32>
}

func.func @unmasked(%x: tensor<6x4xf32>) -> tensor<6x4xf32> {
  %0 = nn.softmax %x : tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

func.func @attention(%q: tensor<1x1x3x1xf32>, %k: tensor<1x1x2x1xf32>, %v: tensor<1x1x2x1xf32>,
                     %mask: tensor<3x2xi1>) -> tensor<1x1x3x1xf32> {
  %0 = nn.attention %q, %k, %v mask %mask
      : (tensor<1x1x3x1xf32>, tensor<1x1x2x1xf32>, tensor<1x1x2x1xf32>, tensor<3x2xi1>) -> tensor<1x1x3x1xf32>
  return %0 : tensor<1x1x3x1xf32>
}
