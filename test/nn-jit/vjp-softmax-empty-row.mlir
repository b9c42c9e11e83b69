// A zero cotangent stays zero (fixed; was a known failure): nn-vjp of a masked softmax whose slice
// is masked everywhere gives NaN cotangents there. The slice's output is
// zeros whatever x (NNOps.td, nn.softmax), so its cotangent is 0; nn-jvp
// gives the matching zero tangent. Found by transforms-layers.mlir
// (softmax_empty_row). Expected by hand: row 0 is softmax([1, 2]) =
// [0.26894142, 0.73105858] and the cotangent [1, 0] gives
// p_j (ct_j - <p, ct>) = [0.19661193, -0.19661193], 0 at the masked entry;
// row 1 (masked everywhere) 0. Before the fix: row 1 = [-nan, -nan, -nan].
// RUN: rm -rf %t && mkdir -p %t
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=f})' --function=f_vjp \
// RUN:   --input=2x3xf32=1,2,3,4,5,6 --input=2x3xi1=1,1,0,0,0,0 --input=2x3xf32=1,0,0,1,0,0 \
// RUN:   --output=@%t/out.npz > /dev/null
// RUN: %python -c "import numpy as np; np.save('%t/want.npy', np.array([[0.19661193, -0.19661193, 0], [0, 0, 0]], np.float32))"
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result1 %t/want.npy 1e-5 1e-7 | FileCheck %s
// CHECK: MATCH 6 values
func.func @f(%x: tensor<2x3xf32>, %m: tensor<2x3xi1>) -> tensor<2x3xf32> {
  %0 = nn.softmax %x mask %m : tensor<2x3xf32>, tensor<2x3xi1>
  return %0 : tensor<2x3xf32>
}
