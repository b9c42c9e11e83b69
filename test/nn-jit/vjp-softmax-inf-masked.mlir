// A zero cotangent stays zero (fixed; was a known failure): nn-vjp of a masked softmax with +inf at
// a masked position gives NaN cotangents at kept positions of that slice.
// The forward pass is right ([0.26894142, 0.73105858, 0]: masked values
// never leak, NNOps.td), so is nn-jvp. Expected by hand: the slice is
// softmax([1, 2]) at the kept entries; the cotangent [1, 0, 0] gives
// [0.19661193, -0.19661193, 0]. Before the fix, [0.1966119, -nan, -nan].
// RUN: rm -rf %t && mkdir -p %t
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=f})' --function=f_vjp \
// RUN:   --input=1x3xf32=1,2,inf --input=1x3xi1=1,1,0 --input=1x3xf32=1,0,0 \
// RUN:   --output=@%t/out.npz > /dev/null
// RUN: %python -c "import numpy as np; np.save('%t/want.npy', np.array([[0.19661193, -0.19661193, 0]], np.float32))"
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result1 %t/want.npy 1e-5 1e-7 | FileCheck %s
// CHECK: MATCH 3 values
func.func @f(%x: tensor<1x3xf32>, %m: tensor<1x3xi1>) -> tensor<1x3xf32> {
  %0 = nn.softmax %x mask %m : tensor<1x3xf32>, tensor<1x3xi1>
  return %0 : tensor<1x3xf32>
}
