// Softmax and layer_norm over short rows, one row per cache tile (rows of
// 64 and 128 f32, 2 MiB each, so plain stores; and a softmax over rows of
// 16), their sums and maxima merged as pairwise trees: NumPy's float64
// values within float32 rounding, and the same bytes on 1 and 2 threads.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(5); np.save('%t/a.npy', r.normal(0, 3, (8192, 64)).astype(np.float32)); np.save('%t/b.npy', r.normal(1, 2, (4096, 128)).astype(np.float32)); np.save('%t/g.npy', r.uniform(0.5, 1.5, 128).astype(np.float32)); np.save('%t/o.npy', r.uniform(-1, 1, 128).astype(np.float32)); np.save('%t/c.npy', r.normal(0, 3, (65536, 16)).astype(np.float32))"
// RUN: %python -c "import numpy as np; a = np.load('%t/a.npy').astype(np.float64); e = np.exp(a - a.max(1, keepdims=True)); np.save('%t/s_ref.npy', e / e.sum(1, keepdims=True)); b = np.load('%t/b.npy').astype(np.float64); g = np.load('%t/g.npy'); o = np.load('%t/o.npy'); m = b.mean(1, keepdims=True); v = ((b - m) ** 2).mean(1, keepdims=True); np.save('%t/l_ref.npy', (b - m) / np.sqrt(v + 1e-5) * g + o); c = np.load('%t/c.npy').astype(np.float64); e = np.exp(c - c.max(1, keepdims=True)); np.save('%t/c_ref.npy', e / e.sum(1, keepdims=True))"
// RUN: nn-jit %s --function=rows --no-cache --threads=1 --input=@%t/a.npy --input=@%t/b.npy --input=@%t/g.npy --input=@%t/o.npy --input=@%t/c.npy --output=@%t/s1.npy --output=@%t/l1.npy --output=@%t/c1.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --input=@%t/a.npy --input=@%t/b.npy --input=@%t/g.npy --input=@%t/o.npy --input=@%t/c.npy --output=@%t/s2.npy --output=@%t/l2.npy --output=@%t/c2.npy
// RUN: cmp %t/s1.npy %t/s2.npy
// RUN: cmp %t/l1.npy %t/l2.npy
// RUN: cmp %t/c1.npy %t/c2.npy
// RUN: %python %S/Inputs/compare_npy.py %t/s2.npy %t/s_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/l2.npy %t/l_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/c2.npy %t/c_ref.npy 1e-5 1e-6 | FileCheck %s --check-prefix=SIXTEEN
// CHECK: {{^MATCH 524288 values$}}
// SIXTEEN: {{^MATCH 1048576 values$}}

func.func @rows(%a: tensor<8192x64xf32>, %b: tensor<4096x128xf32>, %g: tensor<128xf32>, %o: tensor<128xf32>,
                %c: tensor<65536x16xf32>)
    -> (tensor<8192x64xf32>, tensor<4096x128xf32>, tensor<65536x16xf32>) {
  %s = nn.softmax %a axis = 1 : tensor<8192x64xf32>
  %l = nn.layer_norm %b scale %g offset %o epsilon = 1.0e-05
      : (tensor<4096x128xf32>, tensor<128xf32>, tensor<128xf32>) -> tensor<4096x128xf32>
  %t = nn.softmax %c axis = 1 : tensor<65536x16xf32>
  return %s, %l, %t : tensor<8192x64xf32>, tensor<4096x128xf32>, tensor<65536x16xf32>
}
