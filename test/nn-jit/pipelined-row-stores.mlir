// Row groups whose output is streamed store each row while the next row
// computes (nn-pipeline-row-stores). Softmax and layer_norm over 1031 rows
// of 1024 (4.03 MiB, one row per tile; blocks of 16 rows, the last of 7;
// with blocks of 5 rows, the last has 1) give NumPy's float64 values within
// float32 rounding, and the same bytes on 1 and 2 threads, with any block
// size and with the pass off.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(11); np.save('%t/x.npy', r.normal(0, 3, (1031, 1024)).astype(np.float32)); np.save('%t/g.npy', r.uniform(0.5, 1.5, 1024).astype(np.float32)); np.save('%t/b.npy', r.uniform(-1, 1, 1024).astype(np.float32))"
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy').astype(np.float64); e = np.exp(x - x.max(1, keepdims=True)); np.save('%t/softmax_ref.npy', e / e.sum(1, keepdims=True)); g = np.load('%t/g.npy'); b = np.load('%t/b.npy'); m = x.mean(1, keepdims=True); v = ((x - m) ** 2).mean(1, keepdims=True); np.save('%t/ln_ref.npy', (x - m) / np.sqrt(v + 1e-5) * g + b)"
// RUN: nn-jit %s --function=rows --no-cache --threads=1 --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s1.npy --output=@%t/l1.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s2.npy --output=@%t/l2.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true pipeline-row-stores=5})" --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s3.npy --output=@%t/l3.npy
// RUN: nn-jit %s --function=rows --no-cache --threads=2 --pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true pipeline-row-stores=0})" --input=@%t/x.npy --input=@%t/g.npy --input=@%t/b.npy --output=@%t/s0.npy --output=@%t/l0.npy
// RUN: cmp %t/s1.npy %t/s2.npy
// RUN: cmp %t/l1.npy %t/l2.npy
// RUN: cmp %t/s3.npy %t/s2.npy
// RUN: cmp %t/l3.npy %t/l2.npy
// RUN: cmp %t/s0.npy %t/s2.npy
// RUN: cmp %t/l0.npy %t/l2.npy
// RUN: %python %S/Inputs/compare_npy.py %t/s2.npy %t/softmax_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/l2.npy %t/ln_ref.npy 1e-5 1e-6 | FileCheck %s
// CHECK: {{^MATCH 1055744 values$}}
// Both row groups were pipelined: each has a loop over a block's rows
// carrying two buffers (and layer_norm the row's mean).
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true})" --mlir-print-ir-after=nn-pipeline-row-stores -o /dev/null 2>&1 | FileCheck %s --check-prefix=IR
// IR: scf.parallel (%{{.*}}) = (%{{.*}}) to (%c65{{(_[0-9]+)?}}) step
// IR: scf.for {{.*}} iter_args({{.*}}) -> (memref<1x1024xf32>, {{.*}}memref<1x1024xf32>, {{.*}})
// IR: vector.store {{.*}}nontemporal = true
// IR: llvm.x86.sse.sfence
// IR: scf.parallel (%{{.*}}) = (%{{.*}}) to (%c65{{(_[0-9]+)?}}) step
// IR: scf.for {{.*}} iter_args({{.*}}) -> ({{.*}}, f32)
// IR: vector.store {{.*}}nontemporal = true
// IR: llvm.x86.sse.sfence

func.func @rows(%x: tensor<1031x1024xf32>, %g: tensor<1024xf32>, %b: tensor<1024xf32>)
    -> (tensor<1031x1024xf32>, tensor<1031x1024xf32>) {
  %s = nn.softmax %x axis = 1 : tensor<1031x1024xf32>
  %l = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05
      : (tensor<1031x1024xf32>, tensor<1024xf32>, tensor<1024xf32>) -> tensor<1031x1024xf32>
  return %s, %l : tensor<1031x1024xf32>, tensor<1031x1024xf32>
}
