// The lowering strategy's size products saturate instead of overflowing on
// shapes no buffer could hold (nn-opt compiles any static shape). Before,
// they wrapped (undefined behavior) and made the largest problems look
// small: expected values from the documented rules (Passes.td,
// nn-select-lowering-strategy), not from a run.
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize{l2-cache-bytes=1048576 codegen-target=x86-64-v4})" --mlir-print-ir-after=nn-select-lowering-strategy --mlir-disable-threading -o /dev/null 2>&1 | FileCheck %s

// 2^32 x 2^32 = 2^64 iterations (wrapped to 0, "too small to split"): at
// least parallel-min-points, so cut along the outer loop into 64 chunks
// (the most there are) of 2^26 rows.
// CHECK-LABEL: func.func @elementwise
// CHECK: lowering_config = #nn.lowering_config<cache_tile_sizes = [67108864, 0],
func.func @elementwise(%x: tensor<4294967296x4294967296xf32>) -> tensor<4294967296x4294967296xf32> {
  %0 = nn.relu %x : tensor<4294967296x4294967296xf32>
  return %0 : tensor<4294967296x4294967296xf32>
}

// A 64 x 2^48 by 2^48 x 256 matmul: 2^63 flops (2 m n k wrapped to
// INT64_MIN) is at least parallel-min-flops, so it is cut into
// parallel-min-tiles = 2 tiles, rows first: 32 of the 64 rows each.
// CHECK-LABEL: func.func @matmul
// CHECK: lowering_config = #nn.lowering_config<cache_tile_sizes = [32, 256, 128],
func.func @matmul(%x: tensor<64x281474976710656xf32>, %w: tensor<281474976710656x256xf32>) -> tensor<64x256xf32> {
  %0 = nn.dense %x, %w : (tensor<64x281474976710656xf32>, tensor<281474976710656x256xf32>) -> tensor<64x256xf32>
  return %0 : tensor<64x256xf32>
}
