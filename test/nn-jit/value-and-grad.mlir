// nn-value-and-grad end to end, by hand: x = [[1, 0, 0], [0, 1, 0],
// [0, 0, 1], [1, 1, 1]], w = [[1, 2], [3, 4], [5, 6]], t = 0: y = x w =
// [[1, 2], [3, 4], [5, 6], [9, 12]], loss = sum(y^2) = 316, and
// d loss / d w = 2 x^T y = [[20, 28], [24, 32], [28, 36]]; y is the
// auxiliary result, returned as it is.
// RUN: nn-jit %s --prepare='builtin.module(nn-value-and-grad{function=loss wrt=0 has-aux=true})' \
// RUN:   --function=loss_value_and_grad --input=3x2xf32=1,2,3,4,5,6 \
// RUN:   --input=4x3xf32=1,0,0,0,1,0,0,0,1,1,1,1 --input=4x2xf32=0,0,0,0,0,0,0,0 | FileCheck %s
// CHECK:      result 0: tensor<f32>
// CHECK-NEXT: 316
// CHECK-NEXT: result 1: tensor<4x2xf32>
// CHECK-NEXT: {{\[}}[1, 2],
// CHECK-NEXT:  [3, 4],
// CHECK-NEXT:  [5, 6],
// CHECK-NEXT:  [9, 12]]
// CHECK-NEXT: result 2: tensor<3x2xf32>
// CHECK-NEXT: {{\[}}[20, 28],
// CHECK-NEXT:  [24, 32],
// CHECK-NEXT:  [28, 36]]

#all = affine_map<(d0, d1) -> (d0, d1)>
#none = affine_map<(d0, d1) -> ()>
func.func @loss(%w: tensor<3x2xf32>, %x: tensor<4x3xf32>, %t: tensor<4x2xf32>) -> (tensor<f32>, tensor<4x2xf32>) {
  %y = nn.dense %x, %w : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %d = arith.subf %y, %t : tensor<4x2xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction", "reduction"]}
      ins(%d : tensor<4x2xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %in : f32
    %sum = arith.addf %out, %sq : f32
    linalg.yield %sum : f32
  } -> tensor<f32>
  return %s, %y : tensor<f32>, tensor<4x2xf32>
}
