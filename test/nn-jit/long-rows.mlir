// Softmax and layer_norm over rows of 4096 (the chunked, partial-lane
// reductions, cut into cache tiles for the threads): NumPy's float64 values
// within float32 rounding (1e-5 relative + 1e-6 absolute, the suite's bound
// for single layers; a 4096-term sum in 64 partial lanes adds ~64 roundings
// per lane) and the same bytes on 1 and 2 threads.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(1); np.save('%t/x.npy', r.normal(0, 3, (64, 4096)).astype(np.float32)); np.save('%t/g.npy', r.uniform(0.5, 1.5, 4096).astype(np.float32)); np.save('%t/b.npy', r.uniform(-1, 1, 4096).astype(np.float32))"
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy').astype(np.float64); e = np.exp(x - x.max(1, keepdims=True)); np.save('%t/softmax_ref.npy', e / e.sum(1, keepdims=True)); g = np.load('%t/g.npy'); b = np.load('%t/b.npy'); m = x.mean(1, keepdims=True); v = ((x - m) ** 2).mean(1, keepdims=True); np.save('%t/ln_ref.npy', (x - m) / np.sqrt(v + 1e-5) * g + b)"
// RUN: nn-jit %s --function=rows --no-cache --threads=1 --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s1.npy --output=@%t/l1.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s2.npy --output=@%t/l2.npy
// RUN: cmp %t/s1.npy %t/s2.npy
// RUN: cmp %t/l1.npy %t/l2.npy
// RUN: %python %S/Inputs/compare_npy.py %t/s2.npy %t/softmax_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/l2.npy %t/ln_ref.npy 1e-5 1e-6 | FileCheck %s
// CHECK: MATCH 262144 values

func.func @rows(%x: tensor<64x4096xf32>, %g: tensor<4096xf32>, %b: tensor<4096xf32>)
    -> (tensor<64x4096xf32>, tensor<64x4096xf32>) {
  %s = nn.softmax %x axis = 1 : tensor<64x4096xf32>
  %l = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05
      : (tensor<64x4096xf32>, tensor<4096xf32>, tensor<4096xf32>) -> tensor<64x4096xf32>
  return %s, %l : tensor<64x4096xf32>, tensor<64x4096xf32>
}
