// A mask removes positions; it never hides a NaN among the kept ones. Worked
// by hand from exp(x - max) / sum over the kept positions (jax.nn.softmax
// with where=): a NaN or +inf kept logit makes the slice NaN, as the
// unmasked softmax does (softmax-special-values.mlir); kept logits all -inf
// give -inf - -inf = NaN, as unmasked; a -inf kept logit is probability 0;
// what is masked (even a NaN) is exactly 0; a fully masked slice is zeros.
// RUN: nn-jit %s --function=masked --no-cache \
// RUN:   --input="6x4xf32=nan,1,2,3, inf,0,0,0, -inf,0,0,0, -inf,-inf,-inf,-inf, nan,0,0,0, 1,2,3,4" \
// RUN:   --input="6x4xi1=1,1,1,1, 1,1,1,1, 1,1,1,1, 1,1,1,1, 0,1,1,1, 0,0,0,0" | FileCheck %s --check-prefix=MASKED
// MASKED:      {{\[\[}}{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// MASKED-NEXT:  [{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// MASKED-NEXT:  [0, 0.3333333, 0.3333333, 0.3333333],
// MASKED-NEXT:  [{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// MASKED-NEXT:  [0, 0.3333333, 0.3333333, 0.3333333],
// MASKED-NEXT:  [0, 0, 0, 0]]
// The same rows unmasked (the last two differ: nothing is masked there).
// RUN: nn-jit %s --function=unmasked --no-cache \
// RUN:   --input="6x4xf32=nan,1,2,3, inf,0,0,0, -inf,0,0,0, -inf,-inf,-inf,-inf, nan,0,0,0, 1,2,3,4" | FileCheck %s --check-prefix=UNMASKED
// UNMASKED:      {{\[\[}}{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// UNMASKED-NEXT:  [{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// UNMASKED-NEXT:  [0, 0.3333333, 0.3333333, 0.3333333],
// UNMASKED-NEXT:  [{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// UNMASKED-NEXT:  [{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// UNMASKED-NEXT:  [0.0320{{[0-9]*}}, 0.0871{{[0-9]*}}, 0.2368{{[0-9]*}}, 0.6439{{[0-9]*}}]]

// Attention with d = 1 (scale 1): keys [1, 2], values [10, 20]. Query 0 is
// NaN: its logits, probabilities and output are NaN. Query 1 keeps key 0
// only: output 10. Query 2 keeps nothing: output 0.
// RUN: nn-jit %s --function=attention --no-cache \
// RUN:   --input="1x1x3x1xf32=nan,1,5" --input="1x1x2x1xf32=1,2" --input="1x1x2x1xf32=10,20" \
// RUN:   --input="3x2xi1=1,1, 1,0, 0,0" | FileCheck %s --check-prefix=ATTENTION
// ATTENTION:      {{\[\[\[\[}}{{-?nan}}],
// ATTENTION-NEXT:   [10],
// ATTENTION-NEXT:   [0]]]]

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
