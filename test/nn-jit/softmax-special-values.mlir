// Softmax on rows with NaN and infinities, as jax.nn.softmax defines them
// (worked by hand from exp(x - max) / sum): a NaN anywhere in a row makes
// the whole row NaN (through the sum, whatever the max does with it); +inf
// gives inf - inf = NaN, so a NaN row too; -inf is probability 0; other
// rows are untouched.
// RUN: nn-jit %s --no-cache --input="4x4xf32=1,nan,3,4, 0,0,0,0, 1,2,3,inf, -inf,0,0,0" | FileCheck %s
// CHECK: {{\[\[}}{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// CHECK-NEXT: [0.25, 0.25, 0.25, 0.25],
// CHECK-NEXT: [{{-?nan}}, {{-?nan}}, {{-?nan}}, {{-?nan}}],
// CHECK-NEXT: [0, 0.3333333, 0.3333333, 0.3333333]]

func.func @softmax(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = nn.softmax %x : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
