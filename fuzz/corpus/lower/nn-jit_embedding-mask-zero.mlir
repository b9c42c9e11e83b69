func.func @masked(%ids: tensor<2x3xi32>, %table: tensor<4x2xf32>) -> (tensor<2x2xf32>, tensor<2x3xi1>) {
  %e, %m = nn.embedding %ids, %table mask_zero : (tensor<2x3xi32>, tensor<4x2xf32>) -> (tensor<2x3x2xf32>, tensor<2x3xi1>)
  %p = nn.global_avg_pool %e : (tensor<2x3x2xf32>) -> tensor<2x2xf32>
  return %p, %m : tensor<2x2xf32>, tensor<2x3xi1>
}

func.func @unmasked(%ids: tensor<2x3xi32>, %table: tensor<4x2xf32>) -> tensor<2x2xf32> {
  %e = nn.embedding %ids, %table : (tensor<2x3xi32>, tensor<4x2xf32>) -> tensor<2x3x2xf32>
  %p = nn.global_avg_pool %e : (tensor<2x3x2xf32>) -> tensor<2x2xf32>
  return %p : tensor<2x2xf32>
}
