// The pipeline's codegen-target chooses the matmul register tile that the
// ragged split and the strategy then use (register-tile-rows / -cols given
// explicitly win). 512 x 512 x 512, no bias:
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize)" --mlir-print-ir-after=nn-select-lowering-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=V4
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize{codegen-target=x86-64-v4})" --mlir-print-ir-after=nn-select-lowering-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=V4
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize{codegen-target=x86-64-v3})" --mlir-print-ir-after=nn-select-lowering-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=V3
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize{codegen-target=x86-64-v3 register-tile-rows=4})" --mlir-print-ir-after=nn-select-lowering-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=V3-ROWS4
// RUN: not nn-opt %s --pass-pipeline="builtin.module(nn-tile-and-vectorize{codegen-target=avx2})" 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// x86-64-v4 (the default): 8 x 32 divides 512, so one matmul; cache tiles
// 256 columns (a B block of K x 512 would be 1 MiB, over an eighth of the
// 2 MiB L2), k blocks of 256 (256 x 256 floats = 256 KiB), 256 rows (A
// block 256 KiB; 32 register rows reuse each copied B panel).
// V4: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256, 256], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
// V4-NOT: linalg.matmul

// x86-64-v3: 6 x 16, and 6 does not divide 512: the rows run as 510 + 2.
// The bulk: 256 columns and k blocks of 256 as above; rows in multiples of
// 6 dividing 510 = 2 x 3 x 5 x 17, at most 256: 102 (17 register rows per
// copied B panel). The 2-row edge: 2 rows widen the columns by 6 / 2 = 3
// to a multiple of 16 dividing 512, at most 48: 32; its cache tile is all
// 2 rows, 256 columns (B again over an eighth of L2), k blocks of 256.
// V3: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [102, 256, 256], tile_sizes = [6, 16, 0], reduction_tile_sizes = [0, 0, 1]>} ins(%{{.*}}, %{{.*}} : tensor<510x512xf32>, tensor<512x512xf32>)
// V3: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [2, 256, 256], tile_sizes = [2, 32, 0], reduction_tile_sizes = [0, 0, 1]>} ins(%{{.*}}, %{{.*}} : tensor<2x512xf32>, tensor<512x512xf32>)
// V3-NOT: linalg.matmul

// An explicit register-tile-rows=4 keeps the target's 16 columns: 4 divides
// 512 (no split); 256 rows of 4 reuse each panel 64 times.
// V3-ROWS4: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256, 256], tile_sizes = [4, 16, 0], reduction_tile_sizes = [0, 0, 1]>}
// V3-ROWS4-NOT: linalg.matmul

// UNKNOWN: for the --codegen-target option: Cannot find option named 'avx2'!

func.func @sgemm(%x: tensor<512x512xf32>, %w: tensor<512x512xf32>) -> tensor<512x512xf32> {
  %0 = nn.dense %x, %w : (tensor<512x512xf32>, tensor<512x512xf32>) -> tensor<512x512xf32>
  return %0 : tensor<512x512xf32>
}
