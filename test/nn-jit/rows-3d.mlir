// Softmax and layer_norm over the last axis of [5, 207, 1024] (4.04 MiB):
// one row per tile on both outer dims, the 1035 rows taken in order
// (nn-collapse-parallel-rows), prefetched and stored while the next row
// computes (blocks of 16 rows, the last of 11). NumPy's float64 values
// within float32 rounding, and the same bytes on 1 and 2 threads and with
// the row pipelining off.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(3); np.save('%t/x.npy', r.normal(0, 3, (5, 207, 1024)).astype(np.float32)); np.save('%t/g.npy', r.uniform(0.5, 1.5, 1024).astype(np.float32)); np.save('%t/b.npy', r.uniform(-1, 1, 1024).astype(np.float32))"
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy').astype(np.float64); e = np.exp(x - x.max(2, keepdims=True)); np.save('%t/s_ref.npy', e / e.sum(2, keepdims=True)); g = np.load('%t/g.npy'); b = np.load('%t/b.npy'); m = x.mean(2, keepdims=True); v = ((x - m) ** 2).mean(2, keepdims=True); np.save('%t/l_ref.npy', (x - m) / np.sqrt(v + 1e-5) * g + b)"
// RUN: nn-jit %s --function=rows --no-cache --threads=1 --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s1.npy --output=@%t/l1.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s2.npy --output=@%t/l2.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true pipeline-row-stores=0})" --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s0.npy --output=@%t/l0.npy
// RUN: cmp %t/s1.npy %t/s2.npy
// RUN: cmp %t/l1.npy %t/l2.npy
// RUN: cmp %t/s0.npy %t/s2.npy
// RUN: cmp %t/l0.npy %t/l2.npy
// RUN: %python %S/Inputs/compare_npy.py %t/s2.npy %t/s_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/l2.npy %t/l_ref.npy 1e-5 1e-6 | FileCheck %s
// CHECK: {{^MATCH 1059840 values$}}
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true})" --mlir-print-ir-after=nn-pipeline-row-stores -o /dev/null 2>&1 | FileCheck %s --check-prefix=IR
// IR: scf.parallel (%{{.*}}) = (%{{.*}}) to (%c65{{(_[0-9]+)?}}) step
// IR: memref.prefetch
// IR: vector.store {{.*}}nontemporal = true
// IR: scf.parallel (%{{.*}}) = (%{{.*}}) to (%c65{{(_[0-9]+)?}}) step
// IR: memref.prefetch
// IR: vector.store {{.*}}nontemporal = true

func.func @rows(%x: tensor<5x207x1024xf32>, %g: tensor<1024xf32>, %b: tensor<1024xf32>)
    -> (tensor<5x207x1024xf32>, tensor<5x207x1024xf32>) {
  %s = nn.softmax %x axis = 2 : tensor<5x207x1024xf32>
  %l = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05
      : (tensor<5x207x1024xf32>, tensor<1024xf32>, tensor<1024xf32>) -> tensor<5x207x1024xf32>
  return %s, %l : tensor<5x207x1024xf32>, tensor<5x207x1024xf32>
}
