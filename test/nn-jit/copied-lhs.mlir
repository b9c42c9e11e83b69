// A matmul whose A rows lie a power-of-two stride apart (K = 1024: 4 KiB)
// has its A block copied per cache tile and k block (copied_operands = [0])
// where L2 set aliasing would otherwise bound the cache tile's rows: with a
// 256 KiB L2 budget, 1024-float rows keep only 256 KiB / 4 KiB / 2 = 32
// rows cached. A copied block's cache tile spans all 512 columns (x86-64-v4:
// two row tiles of 256), or 256 where the threads need the tiles (x86-64-v3:
// 510 rows of 6-row register tiles make 5 row tiles of 102, so the columns
// split in two). The copy changes where A is read from, not the sums: the
// same bytes as the default blocking (no copy), on 1 and 2 threads and
// both x86 targets, and NumPy's float64 values within float32 rounding.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/make_dense_data.py %t 512 1024 512
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize{l2-cache-bytes=262144 codegen-target=x86-64-v4})" --mlir-print-ir-after=nn-select-lowering-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=CONFIG-V4
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize{l2-cache-bytes=262144 codegen-target=x86-64-v3})" --mlir-print-ir-after=nn-select-lowering-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=CONFIG-V3
// CONFIG-V4: linalg.matmul {{.*}}cache_tile_sizes = [256, 512, 32]{{.*}}copied_operands = [0]
// CONFIG-V3: linalg.matmul {{.*}}cache_tile_sizes = [102, 256, 32]{{.*}}copied_operands = [0]
// RUN: nn-jit %s --function=layer --no-cache --input=@%t/x.npy --input=@%t/w.npy --input=@%t/b.npy --output=@%t/default.npy
// RUN: for t in x86-64-v4 x86-64-v3; do for n in 1 2; do \
// RUN:   nn-jit %s --function=layer --no-cache --threads=$n --input=@%t/x.npy --input=@%t/w.npy --input=@%t/b.npy --output=@%t/$t-$n.npy \
// RUN:     --pipeline="builtin.module(nn-inference,nn-lower-to-llvm{use-workspace=true l2-cache-bytes=262144 codegen-target=$t})" && \
// RUN:   cmp %t/default.npy %t/$t-$n.npy || exit 1; done; done
// RUN: %python %S/Inputs/compare_npy.py %t/x86-64-v3-2.npy %t/expected.npy 1e-5 1e-4 | FileCheck %s
// CHECK: MATCH 262144 values

func.func @layer(%x: tensor<512x1024xf32>, %w: tensor<1024x512xf32>, %b: tensor<512xf32>) -> tensor<512x512xf32> {
  %h = nn.dense %x, %w, %b : (tensor<512x1024xf32>, tensor<1024x512xf32>, tensor<512xf32>) -> tensor<512x512xf32>
  %y = nn.relu %h : tensor<512x512xf32>
  return %y : tensor<512x512xf32>
}
