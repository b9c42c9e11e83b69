// Masked pooling over rows of 256 features: a per-step mask bit selects
// whole 256-lane rows (lowered to bit masks on the lanes, not to branches or
// per-lane masks). NaN and inf in masked steps must not leak; the inputs
// are small integers, so every sum is exact in f32 and the means equal
// NumPy's float32 division bit for bit. 1 and 2 threads.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(7); \
// RUN:   x = rng.integers(-8, 9, (3, 16, 256)).astype(np.float32); \
// RUN:   m = rng.random((3, 16)) < 0.7; m[2] = False; m[1, 3] = True; \
// RUN:   x[~m] = np.where(rng.random((int((~m).sum()), 256)) < 0.5, np.nan, -np.inf); \
// RUN:   np.save('%t/x.npy', x); np.save('%t/m.npy', m)"
// RUN: nn-jit %s --function=avg --threads=1 --input=@%t/x.npy --input=@%t/m.npy --output=@%t/avg1.npy
// RUN: nn-jit %s --function=avg --threads=2 --input=@%t/x.npy --input=@%t/m.npy --output=@%t/avg2.npy
// RUN: nn-jit %s --function=max --threads=2 --input=@%t/x.npy --input=@%t/m.npy --output=@%t/max.npy
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy'); m = np.load('%t/m.npy'); \
// RUN:   k = m[:, :, None]; n = m.sum(1).astype(np.float32)[:, None]; \
// RUN:   s = np.where(k, x, 0).astype(np.float64).sum(1).astype(np.float32); \
// RUN:   avg = np.where(n > 0, s / np.maximum(n, 1), 0).astype(np.float32); \
// RUN:   mx = np.where(n > 0, np.where(k, x, -np.inf).max(1), 0).astype(np.float32); \
// RUN:   ok = [np.array_equal(np.load('%t/' + f + '.npy'), want) for f, want in \
// RUN:         (('avg1', avg), ('avg2', avg), ('max', mx))]; \
// RUN:   print('MATCH' if all(ok) else 'MISMATCH %%s' %% ok)" | FileCheck %s
// CHECK: {{^MATCH$}}

func.func @avg(%x: tensor<3x16x256xf32>, %m: tensor<3x16xi1>) -> tensor<3x256xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<3x16x256xf32>, tensor<3x16xi1>) -> tensor<3x256xf32>
  return %0 : tensor<3x256xf32>
}

func.func @max(%x: tensor<3x16x256xf32>, %m: tensor<3x16xi1>) -> tensor<3x256xf32> {
  %0 = nn.global_max_pool %x mask %m : (tensor<3x16x256xf32>, tensor<3x16xi1>) -> tensor<3x256xf32>
  return %0 : tensor<3x256xf32>
}
