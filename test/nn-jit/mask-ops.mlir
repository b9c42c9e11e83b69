// Mask ops run natively; masks come back as NumPy-style bool bytes. Expected
// values by hand for lengths [0, 2, 5] over 4 steps (a negative or over-long
// length masks all or keeps all) and x = 1..12.
// RUN: nn-jit %s --no-cache --input="3xi32=0,2,5" --input="3x4x1xf32=1,2,3,4,5,6,7,8,9,10,11,12" | FileCheck %s
// CHECK:      result 0: tensor<3x4xi1>
// CHECK-NEXT: {{\[}}[false, false, false, false],
// CHECK-NEXT:  [true, true, false, false],
// CHECK-NEXT:  [true, true, true, true]]
// CHECK-NEXT: result 1: tensor<3x3xi1>
// CHECK-NEXT: {{\[}}[true, false, false],
// CHECK-NEXT:  [true, true, false],
// CHECK-NEXT:  [true, true, true]]
// CHECK-NEXT: result 2: tensor<3x4xi1>
// CHECK-NEXT: {{\[}}[true, true, true, true],
// CHECK-NEXT:  [false, false, true, true],
// CHECK-NEXT:  [false, false, false, false]]
// CHECK-NEXT: result 3: tensor<3x4xi1>
// CHECK-NEXT: {{\[}}[false, false, false, false],
// CHECK-NEXT:  [true, true, false, false],
// CHECK-NEXT:  [true, true, true, false]]
// CHECK-NEXT: result 4: tensor<3x4x1xf32>
// CHECK-NEXT: {{\[}}{{\[}}[0],
// CHECK-NEXT:   [0],
// CHECK-NEXT:   [0],
// CHECK-NEXT:   [0]],
// CHECK-NEXT:  {{\[}}[5],
// CHECK-NEXT:   [6],
// CHECK-NEXT:   [0],
// CHECK-NEXT:   [0]],
// CHECK-NEXT:  {{\[}}[9],
// CHECK-NEXT:   [10],
// CHECK-NEXT:   [11],
// CHECK-NEXT:   [12]]]

func.func @masks(%len: tensor<3xi32>, %x: tensor<3x4x1xf32>)
    -> (tensor<3x4xi1>, tensor<3x3xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4x1xf32>) {
  %s = nn.sequence_mask %len : tensor<3xi32> -> tensor<3x4xi1>
  %c = nn.causal_mask : tensor<3x3xi1>
  %n = nn.mask_not %s : tensor<3x4xi1>
  // (s & first-3-steps) | (s & !s) = s restricted to steps 0-2.
  %three = arith.constant dense<3> : tensor<3xi32>
  %t = nn.sequence_mask %three : tensor<3xi32> -> tensor<3x4xi1>
  %and = nn.mask_and %s, %t : tensor<3x4xi1>
  %none = nn.mask_and %s, %n : tensor<3x4xi1>
  %or = nn.mask_or %none, %and : tensor<3x4xi1>
  %a = nn.apply_mask %x, %s : tensor<3x4x1xf32>, tensor<3x4xi1>
  return %s, %c, %n, %or, %a : tensor<3x4xi1>, tensor<3x3xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4x1xf32>
}
