// A zero cotangent stays zero (fixed; was a known failure): nn-vjp of a masked loss whose masked
// example has NaN / inf logits gives NaN cotangents for that example. The
// masked example adds nothing, "NaN or inf in their logits ... cannot leak"
// (docs/Losses.md); the forward value is right. Expected by hand: the loss
// is example 0's, log(e + e^2 + e^3) - 1 = 2.40760596; its cotangent
// softmax([1, 2, 3]) - onehot(0) = [-0.90996943, 0.24472847, 0.66524096]
// (one kept example), and 0 for the masked example. Before the fix, row 1 = NaN.
// RUN: rm -rf %t && mkdir -p %t
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=f})' --function=f_vjp \
// RUN:   --input=2x3xf32=1,2,3,nan,inf,6 --input=2xi32=0,1 --input=2xi1=1,0 --input=f32=1 \
// RUN:   --output=@%t/out.npz > /dev/null
// RUN: %python -c "import numpy as np; np.save('%t/loss.npy', np.array(2.40760596, np.float32)); np.save('%t/dx.npy', np.array([[-0.90996943, 0.24472847, 0.66524096], [0, 0, 0]], np.float32))"
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result0 %t/loss.npy 1e-6 0 | FileCheck %s --check-prefix=LOSS
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result1 %t/dx.npy 1e-5 1e-7 | FileCheck %s --check-prefix=DX
// LOSS: MATCH 1 values
// DX: MATCH 6 values
func.func @f(%x: tensor<2x3xf32>, %l: tensor<2xi32>, %m: tensor<2xi1>) -> tensor<f32> {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi1>) -> tensor<f32>
  return %0 : tensor<f32>
}
