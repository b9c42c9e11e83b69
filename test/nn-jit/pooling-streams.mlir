// Pooling over 512 steps of [8, 512, 256] (4 MiB): big enough for
// nn-split-reduction-streams, whose default reads the steps as 4 streams of
// 128 (masked: each stream's masked step in turn; unmasked: the 4 values
// added pairwise, then into the sum). NaN and inf in masked steps must not
// leak; the inputs are small integers, so every sum is exact in f32 in any
// order and the means equal NumPy's float32 division bit for bit, with 4
// streams or none, on 1 and 2 threads.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(11); \
// RUN:   x = rng.integers(-8, 9, (8, 512, 256)).astype(np.float32); \
// RUN:   m = rng.random((8, 512)) < 0.6; m[5] = False; m[6] = True; \
// RUN:   x[~m] = np.where(rng.random((int((~m).sum()), 256)) < 0.5, np.nan, -np.inf); \
// RUN:   np.save('%t/x.npy', x); np.save('%t/m.npy', m); \
// RUN:   np.save('%t/u.npy', rng.integers(-8, 9, (8, 512, 256)).astype(np.float32))"
// RUN: nn-jit %s --function=avg --no-cache --threads=1 --input=@%t/x.npy --input=@%t/m.npy --output=@%t/avg1.npy
// RUN: nn-jit %s --function=avg --no-cache --threads=2 --input=@%t/x.npy --input=@%t/m.npy --output=@%t/avg2.npy
// RUN: nn-jit %s --function=avg --no-cache --threads=1 --input=@%t/x.npy --input=@%t/m.npy --output=@%t/avg_one_stream.npy \
// RUN:   --pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true reduction-streams=1})"
// RUN: nn-jit %s --function=mean --no-cache --threads=2 --input=@%t/u.npy --output=@%t/mean.npy
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize)" | FileCheck %s --check-prefix=IR
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy'); m = np.load('%t/m.npy'); u = np.load('%t/u.npy'); \
// RUN:   k = m[:, :, None]; n = m.sum(1).astype(np.float32)[:, None]; \
// RUN:   s = np.where(k, x, 0).astype(np.float64).sum(1).astype(np.float32); \
// RUN:   avg = np.where(n > 0, s / np.maximum(n, 1), 0).astype(np.float32); \
// RUN:   mean = (u.astype(np.float64).sum(1).astype(np.float32) / np.float32(512)).astype(np.float32); \
// RUN:   ok = [np.array_equal(np.load('%t/' + f + '.npy'), want) for f, want in \
// RUN:         (('avg1', avg), ('avg2', avg), ('avg_one_stream', avg), ('mean', mean))]; \
// RUN:   print('MATCH' if all(ok) else 'MISMATCH %%s' %% ok)" | FileCheck %s
// CHECK: {{^MATCH$}}
// The 4 streams: the time loop runs 128 steps, each reading the rows of 4
// steps 128 apart.
// IR-LABEL: func.func @avg
// IR: scf.for %[[T:.*]] = %c0 to %c128 step %c1
// IR: vector.transfer_read %arg0[%[[B:[a-z0-9]+]], %[[T]], %c0]{{.*}} : tensor<8x512x256xf32>, vector<256xf32>
// IR-COUNT-3: vector.transfer_read %arg0[%[[B]], %{{[a-z0-9]+}}, %c0]{{.*}} : tensor<8x512x256xf32>, vector<256xf32>
// IR-NOT: vector.transfer_read %arg0
// IR: scf.yield

func.func @avg(%x: tensor<8x512x256xf32>, %m: tensor<8x512xi1>) -> tensor<8x256xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<8x512x256xf32>, tensor<8x512xi1>) -> tensor<8x256xf32>
  return %0 : tensor<8x256xf32>
}

func.func @mean(%x: tensor<8x512x256xf32>) -> tensor<8x256xf32> {
  %0 = nn.global_avg_pool %x : (tensor<8x512x256xf32>) -> tensor<8x256xf32>
  return %0 : tensor<8x256xf32>
}
