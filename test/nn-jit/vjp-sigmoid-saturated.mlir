// nn-vjp of nn.sigmoid where exp(-x) overflows f32 (x below about -88.7):
// the derivative sigmoid(x) (1 - sigmoid(x)) is 0 in f32 there (PyTorch and
// JAX give 0 or a denormal). The reverse sweep of 1 / (1 + exp(-x)) reaches
// exp with a zero cotangent, which stays zero (not 0 * inf = NaN).
// Expected at x = [-89, -100, -1000]: [0, 0, 0] within 1e-30. nn-jvp still
// gives NaN there: known-failures/sigmoid-saturated.mlir.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/want.npy', np.zeros(3, np.float32))"
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=f})' --function=f_vjp \
// RUN:   --input=3xf32=-89,-100,-1000 --input=3xf32=1,1,1 --output=@%t/vjp.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/vjp.npz:result1 %t/want.npy 0 1e-30 | FileCheck %s
// CHECK: MATCH 3 values
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = nn.sigmoid %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
