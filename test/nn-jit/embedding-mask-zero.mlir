// Keras' Embedding(mask_zero=True) then GlobalAveragePooling1D: id 0 is
// padding, and nn-propagate-masks (in nn-jit's pipeline) hands the padding
// mask to the pooling, so the padded steps are not averaged in.
// Expected values by hand, with table row i = [i, 10 i]:
// ids [[1, 2, 0], [3, 0, 0]] -> masked means [1.5, 15] and [3, 30]; without
// the mask, the zero rows of the padding count: [1, 10] and [1, 10].
// RUN: nn-jit %s --function=masked --input="2x3xi32=1,2,0, 3,0,0" --input="4x2xf32=0,0, 1,10, 2,20, 3,30" | FileCheck %s --check-prefix=MASKED
// MASKED:      result 0: tensor<2x2xf32>
// MASKED-NEXT: {{\[}}[1.5, 15],
// MASKED-NEXT:  [3, 30]]
// MASKED-NEXT: result 1: tensor<2x3xi1>
// MASKED-NEXT: {{\[}}[true, true, false],
// MASKED-NEXT:  [true, false, false]]
// RUN: nn-jit %s --function=unmasked --input="2x3xi32=1,2,0, 3,0,0" --input="4x2xf32=0,0, 1,10, 2,20, 3,30" | FileCheck %s --check-prefix=UNMASKED
// UNMASKED:      result 0: tensor<2x2xf32>
// UNMASKED-NEXT: {{\[}}[1, 10],
// UNMASKED-NEXT:  [1, 10]]

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
