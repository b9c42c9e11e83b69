// Average pooling over time without a mask: each step adds one 256-lane row
// (1 KiB) into 16 accumulators, a loop nn-keep-wide-loops-rolled keeps
// LLVM from unrolling (unrolled, its copies loaded their rows in
// alternating order and ran 2x slower on one thread). The annotation reaches
// the LLVM IR, and the means equal NumPy's bit for bit (small integers:
// exact sums) on 1 and 2 threads.
//
// RUN: nn-jit %s --function=avg --emit=llvm-ir | FileCheck %s --check-prefix=IR
// IR: br {{.*}} !llvm.loop ![[LOOP:[0-9]+]]
// IR: ![[LOOP]] = distinct !{![[LOOP]], ![[DISABLE:[0-9]+]]}
// IR: ![[DISABLE]] = !{!"llvm.loop.unroll.disable"}
// RUN: nn-jit %s --function=avg --emit=llvm-ir \
// RUN:   --pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true rolled-loop-min-bytes=0})" \
// RUN:   | FileCheck %s --check-prefix=UNROLLABLE
// UNROLLABLE-NOT: llvm.loop.unroll.disable
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(3); \
// RUN:   np.save('%t/x.npy', rng.integers(-8, 9, (4, 64, 256)).astype(np.float32))"
// RUN: nn-jit %s --function=avg --threads=1 --input=@%t/x.npy --output=@%t/avg1.npy
// RUN: nn-jit %s --function=avg --threads=2 --input=@%t/x.npy --output=@%t/avg2.npy
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy'); \
// RUN:   want = (x.astype(np.float64).sum(1).astype(np.float32) / np.float32(64)).astype(np.float32); \
// RUN:   ok = [np.array_equal(np.load('%t/' + f + '.npy'), want) for f in ('avg1', 'avg2')]; \
// RUN:   print('MATCH' if all(ok) else 'MISMATCH %%s' %% ok)" | FileCheck %s
// CHECK: {{^MATCH$}}

func.func @avg(%x: tensor<4x64x256xf32>) -> tensor<4x256xf32> {
  %0 = nn.global_avg_pool %x : (tensor<4x64x256xf32>) -> tensor<4x256xf32>
  return %0 : tensor<4x256xf32>
}
