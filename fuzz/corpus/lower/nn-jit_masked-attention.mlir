func.func @softmax(%x: tensor<2x3x5xf32>, %m: tensor<3x5xi1>) -> tensor<2x3x5xf32> {
  %0 = nn.softmax %x mask %m : tensor<2x3x5xf32>, tensor<3x5xi1>
  return %0 : tensor<2x3x5xf32>
}

func.func @causal(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>, %v: tensor<2x2x6x3xf32>,
                  %padding: tensor<2x6xi1>) -> tensor<2x2x4x3xf32> {
  %0 = nn.attention %q, %k, %v key_padding_mask %padding causal
      : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<2x6xi1>) -> tensor<2x2x4x3xf32>
  return %0 : tensor<2x2x4x3xf32>
}

func.func @masked(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>, %v: tensor<2x2x6x3xf32>,
                  %mask: tensor<4x6xi1>) -> tensor<2x2x4x3xf32> {
  %0 = nn.attention %q, %k, %v mask %mask
      : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<4x6xi1>) -> tensor<2x2x4x3xf32>
  return %0 : tensor<2x2x4x3xf32>
}
