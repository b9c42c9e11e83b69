// nn-vmap of nn.adam_update / nn.adamw_update with a batched step count
// (it used to fail: "only rank-1 tensor.from_elements is supported"; a
// shared step count is in transforms-optimizers.mlir). Expected: each
// example's Adam step (docs/Optimizers.md's formula in NumPy float64 below,
// from zero moments, steps 0 and 1) and the new counts [1, 2].
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; p = np.array([[1, 2, 3], [4, 5, 6]], np.float64); g = np.array([[1, -2, 3], [-4, 5, 6]], np.float64); t = np.array([[1], [2]], np.float64); m = 0.1 * g; v = 0.001 * g * g; np.save('%t/p.npy', (p - 0.5 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)).astype(np.float32)); np.save('%t/t.npy', np.array([1, 2], np.int32))"
// RUN: nn-jit %s --prepare='builtin.module(nn-vmap{function=adam in-axes=0,0,0,0,0,none batch=2})' \
// RUN:   --function=adam_vmap --input=2x3xf32=1,2,3,4,5,6 --input=2x3xf32=1,-2,3,-4,5,6 \
// RUN:   --input=2x3xf32=0,0,0,0,0,0 --input=2x3xf32=0,0,0,0,0,0 --input=2xi32=0,1 --input=f32=0.5 \
// RUN:   --output=@%t/out.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result0 %t/p.npy 1e-6 0 | FileCheck %s --check-prefix=P
// RUN: %python %S/Inputs/compare_npy.py %t/out.npz:result3 %t/t.npy 0 0 | FileCheck %s --check-prefix=T
// P: MATCH 6 values
// T: MATCH 2 values
func.func @adam(%p: tensor<3xf32>, %g: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>) {
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr : tensor<3xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>
}
