// A masked softmax over [16, 256, 256] (4 MiB: rows taken in order,
// pipelined, streamed) with a [256, 256] mask broadcast over the batch,
// its row 7 masked everywhere: NumPy's float64 values within float32
// rounding (0 where masked, a masked-out row all 0), and the same bytes on
// 1 and 2 threads.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(9); np.save('%t/x.npy', r.normal(0, 3, (16, 256, 256)).astype(np.float32)); m = r.uniform(size=(256, 256)) < 0.7; m[7] = False; np.save('%t/m.npy', m)"
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy').astype(np.float64); m = np.load('%t/m.npy'); mx = np.where(m, x, -np.inf).max(2, keepdims=True); e = np.where(m, np.exp(x - np.where(np.isfinite(mx), mx, 0)), 0); s = e.sum(2, keepdims=True); np.save('%t/ref.npy', np.where(s > 0, e / np.where(s > 0, s, 1), 0))"
// RUN: nn-jit %s --function=masked --no-cache --threads=1 --input=@%t/x.npy --input=@%t/m.npy --output=@%t/y1.npy
// RUN: nn-jit %s --function=masked --no-cache --threads=2 --input=@%t/x.npy --input=@%t/m.npy --output=@%t/y2.npy
// RUN: cmp %t/y1.npy %t/y2.npy
// RUN: %python %S/Inputs/compare_npy.py %t/y2.npy %t/ref.npy 1e-5 1e-6 | FileCheck %s
// CHECK: {{^MATCH 1048576 values$}}
// The row max is vectorized (it was a scalar loop: vmaxss only).
// RUN: nn-jit %s --function=masked --emit=asm -o - | FileCheck %s --check-prefix=ASM
// ASM: vmaxps %{{[xyz]}}mm

func.func @masked(%x: tensor<16x256x256xf32>, %m: tensor<256x256xi1>) -> tensor<16x256x256xf32> {
  %0 = nn.softmax %x mask %m : tensor<16x256x256xf32>, tensor<256x256xi1>
  return %0 : tensor<16x256x256xf32>
}
