// Outputs of 4 MiB and more are stored with non-temporal stores
// (nn-stream-stores): softmax, layer_norm and relu over [1024, 1024] give
// NumPy's float64 values within float32 rounding, and the same bytes on 1
// and 2 threads and with the pass off (stream-stores-min-bytes=0). The
// native code has the streaming stores and the store fence.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(7); np.save('%t/x.npy', r.normal(0, 3, (1024, 1024)).astype(np.float32)); np.save('%t/g.npy', r.uniform(0.5, 1.5, 1024).astype(np.float32)); np.save('%t/b.npy', r.uniform(-1, 1, 1024).astype(np.float32))"
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy').astype(np.float64); e = np.exp(x - x.max(1, keepdims=True)); np.save('%t/softmax_ref.npy', e / e.sum(1, keepdims=True)); g = np.load('%t/g.npy'); b = np.load('%t/b.npy'); m = x.mean(1, keepdims=True); v = ((x - m) ** 2).mean(1, keepdims=True); np.save('%t/ln_ref.npy', (x - m) / np.sqrt(v + 1e-5) * g + b); np.save('%t/relu_ref.npy', np.maximum(x, 0))"
// RUN: nn-jit %s --function=rows --no-cache --threads=1 --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s1.npy --output=@%t/l1.npy --output=@%t/r1.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s2.npy --output=@%t/l2.npy --output=@%t/r2.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true stream-stores-min-bytes=0})" --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s0.npy --output=@%t/l0.npy --output=@%t/r0.npy
// RUN: cmp %t/s1.npy %t/s2.npy
// RUN: cmp %t/l1.npy %t/l2.npy
// RUN: cmp %t/r1.npy %t/r2.npy
// RUN: cmp %t/s0.npy %t/s2.npy
// RUN: cmp %t/l0.npy %t/l2.npy
// RUN: cmp %t/r0.npy %t/r2.npy
// RUN: %python %S/Inputs/compare_npy.py %t/s2.npy %t/softmax_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/l2.npy %t/ln_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/r2.npy %t/relu_ref.npy 0 0 | FileCheck %s
// CHECK: MATCH 1048576 values
// RUN: nn-jit %s --function=rows --emit=asm -o - | FileCheck %s --check-prefix=ASM
// ASM: vmovntps %{{[xyz]}}mm
// ASM: sfence

func.func @rows(%x: tensor<1024x1024xf32>, %g: tensor<1024xf32>, %b: tensor<1024xf32>)
    -> (tensor<1024x1024xf32>, tensor<1024x1024xf32>, tensor<1024x1024xf32>) {
  %s = nn.softmax %x axis = 1 : tensor<1024x1024xf32>
  %l = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05
      : (tensor<1024x1024xf32>, tensor<1024xf32>, tensor<1024xf32>) -> tensor<1024x1024xf32>
  %r = nn.relu %x : tensor<1024x1024xf32>
  return %s, %l, %r : tensor<1024x1024xf32>, tensor<1024x1024xf32>, tensor<1024x1024xf32>
}
