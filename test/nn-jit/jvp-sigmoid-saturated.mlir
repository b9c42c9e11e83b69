// nn-jvp and nn-vjp of nn.sigmoid where exp(-x) would overflow f32 (x
// below about -88.7): the derivative sigmoid(x) (1 - sigmoid(x)) is about
// exp(x) there, tiny or 0 in f32, never NaN (differentiating
// 1 / (1 + exp(-x)) as written gives inf / inf). Also at 0 (1/4: the
// lowering's select must not lose the kink's derivative) and ordinary
// points. Expected: NumPy in float64, sigmoid and s (1 - s).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; x = np.array([-89, -100, -1000, 0, -5, 3, 100], np.float64); s = 1 / (1 + np.exp(-x)); np.save('%t/value.npy', s.astype(np.float32)); np.save('%t/slope.npy', (s * (1 - s)).astype(np.float32))"
// RUN: nn-jit %s --cache-dir=%t.nn-jit-cache --prepare='builtin.module(nn-jvp{function=f},nn-vjp{function=f})' --function=f_jvp \
// RUN:   --input=7xf32=-89,-100,-1000,0,-5,3,100 --input=7xf32=1,1,1,1,1,1,1 --output=@%t/jvp.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/jvp.npz:result0 %t/value.npy 1e-6 1e-30 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/jvp.npz:result1 %t/slope.npy 1e-6 1e-30 | FileCheck %s
// RUN: nn-jit %s --cache-dir=%t.nn-jit-cache --prepare='builtin.module(nn-jvp{function=f},nn-vjp{function=f})' --function=f_vjp \
// RUN:   --input=7xf32=-89,-100,-1000,0,-5,3,100 --input=7xf32=1,1,1,1,1,1,1 --output=@%t/vjp.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/vjp.npz:result1 %t/slope.npy 1e-6 1e-30 | FileCheck %s
// CHECK: MATCH 7 values
func.func @f(%x: tensor<7xf32>) -> tensor<7xf32> {
  %0 = nn.sigmoid %x : tensor<7xf32>
  return %0 : tensor<7xf32>
}
