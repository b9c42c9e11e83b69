// A dense layer at batch 1 (M = 1: the 1x1 by 1x32 register tile) compiles
// and computes x . W: [1, 2] . [[1] * 32, [2] * 32] = 1 + 4 = 5 everywhere.
// RUN: nn-jit %s --no-cache --input="1x2xf32=1,2" --input="2x32xf32=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2" | FileCheck %s
// CHECK: result 0: tensor<1x32xf32>
// CHECK-NEXT: {{\[}}[5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]]

func.func @dense(%x: tensor<1x2xf32>, %w: tensor<2x32xf32>) -> tensor<1x32xf32> {
  %0 = nn.dense %x, %w : (tensor<1x2xf32>, tensor<2x32xf32>) -> tensor<1x32xf32>
  return %0 : tensor<1x32xf32>
}
