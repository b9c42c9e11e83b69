// A zero cotangent stays zero (fixed; was a known failure): nn-vjp of a loss with
// reduction = mean_with_sample_weight whose weights sum to 0 gives NaN
// cotangents. The value is then 0 (docs/Losses.md: "0 when the divisor is
// 0", a select), and nn-jvp gives zero tangents (that branch is a
// constant), so the transpose identity needs zero cotangents. Before the fix, NaN for
// the predictions, targets and weights. The same reduction is shared by
// the four losses.
// RUN: rm -rf %t && mkdir -p %t
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=f})' --function=f_jvp \
// RUN:   --input=2x3xf32=1,2,3,4,5,6 --input=2x3xf32=0,0,0,0,0,0 --input=2xf32=0,0 \
// RUN:   --input=2x3xf32=1,1,1,1,1,1 --input=2x3xf32=1,0,1,0,1,0 --input=2xf32=1,1 | FileCheck %s --check-prefix=JVP
// JVP: result 0: tensor<f32>
// JVP-NEXT: 0
// JVP-NEXT: result 1: tensor<f32>
// JVP-NEXT: 0
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=f})' --function=f_vjp \
// RUN:   --input=2x3xf32=1,2,3,4,5,6 --input=2x3xf32=0,0,0,0,0,0 --input=2xf32=0,0 --input=f32=1 \
// RUN:   --output=@%t/out.npz > /dev/null
// RUN: %python -c "import numpy as np; np.save('%t/z23.npy', np.zeros((2, 3), np.float32)); np.save('%t/z2.npy', np.zeros(2, np.float32))"
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result1 %t/z23.npy 0 0 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result2 %t/z23.npy 0 0 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result3 %t/z2.npy 0 0 | FileCheck %s --check-prefix=W
// CHECK: MATCH 6 values
// W: MATCH 2 values
func.func @f(%y: tensor<2x3xf32>, %t: tensor<2x3xf32>, %w: tensor<2xf32>) -> tensor<f32> {
  %0 = nn.mean_squared_error %y, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
