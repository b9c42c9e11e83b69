func.func @f(%ids: tensor<3xi32>, %table: tensor<4x2xf32>) -> tensor<3x2xf32> {
  %0 = nn.embedding %ids, %table : (tensor<3xi32>, tensor<4x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
