// Case 1 of docs/Motivation.md, the project's main example: Keras'
//   Masking(mask_value=-99) -> GlobalAveragePooling1D
// with the mask an SSA value the compiler can see, so it cannot be lost.
func.func @masked_pooling(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %data, %mask = nn.masking %x mask_value = -99.0
      : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %mean = nn.global_avg_pool %data mask %mask
      : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  return %mean : tensor<3x1xf32>
}
