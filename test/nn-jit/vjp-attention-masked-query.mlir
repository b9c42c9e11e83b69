// A zero cotangent stays zero (fixed; was a known failure): nn-vjp of attention where a query's
// keys are all masked (here key 0 is padding and causal masking leaves
// query 0 only key 0) gives NaN cotangents for the query and for every key.
// That query's output row is zeros whatever q, k, v (NNOps.td,
// nn.attention). Expected by hand: query 1 attends to key 1 alone with
// probability 1, so its output is v[1] = [3, 4] and depends on v only:
// dq = 0, dk = 0, dv = [[0, 0], [1, 1]] for a cotangent of ones.
// Before the fix, dq row 0 and all of dk NaN.
// RUN: rm -rf %t && mkdir -p %t
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=f})' --function=f_vjp \
// RUN:   --input=1x1x2x2xf32=1,2,3,4 --input=1x1x2x2xf32=1,0,0,1 --input=1x1x2x2xf32=1,2,3,4 \
// RUN:   --input=1x2xi1=0,1 --input=1x1x2x2xf32=1,1,1,1 --output=@%t/out.npz > /dev/null
// RUN: %python -c "import numpy as np; np.save('%t/zeros.npy', np.zeros((1, 1, 2, 2), np.float32)); np.save('%t/dv.npy', np.array([0, 0, 1, 1], np.float32).reshape(1, 1, 2, 2)); np.save('%t/y.npy', np.array([0, 0, 3, 4], np.float32).reshape(1, 1, 2, 2))"
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result0 %t/y.npy 1e-6 0 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result1 %t/zeros.npy 0 1e-7 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result2 %t/zeros.npy 0 1e-7 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result3 %t/dv.npy 1e-6 0 | FileCheck %s
// CHECK: MATCH 4 values
func.func @f(%q: tensor<1x1x2x2xf32>, %k: tensor<1x1x2x2xf32>, %v: tensor<1x1x2x2xf32>, %kp: tensor<1x2xi1>) -> tensor<1x1x2x2xf32> {
  %0 = nn.attention %q, %k, %v key_padding_mask %kp causal
      : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x2xi1>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
