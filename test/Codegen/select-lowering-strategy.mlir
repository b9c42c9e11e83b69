// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-select-lowering-strategy))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-select-lowering-strategy{register-tile-rows=4 register-tile-cols=16}))" | FileCheck %s --check-prefix=SMALL
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-select-lowering-strategy{l2-cache-bytes=262144}))" | FileCheck %s --check-prefix=L2
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-select-lowering-strategy{copied-a-cache-tile-cols=256}))" | FileCheck %s --check-prefix=NARROW
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-select-lowering-strategy{target-vector-lanes=8}))" | FileCheck %s --check-prefix=AVX2
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-select-lowering-strategy{fuse-into-reduction-chunks=false}))" | FileCheck %s --check-prefix=AVX2

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// A matmul gets the 8x32 register tile and a k step of 1; its bias/relu
// epilogue gets the same tiles so that the matmul fuses into it. Cache
// tiles: 256 columns, and K = 256 whole (a 256 x 256 B block is 256 KiB, an
// eighth of L2), 256 rows (A block 256 KiB): 2 x 2 tiles. (The fill, which
// fuses into the matmul, has its own: 512 x 512 = 256Ki points in chunks of
// at most 256 rows, and at most 24 KiB / 2 KiB = 12 rows of 512: 8.)
// CHECK-LABEL: func.func @matmul_epilogue
// CHECK: linalg.fill {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [8, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256, 0], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256], tile_sizes = [8, 32], reduction_tile_sizes = [0, 0]>}
// SMALL-LABEL: func.func @matmul_epilogue
// SMALL: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256, 0], tile_sizes = [4, 16, 0], reduction_tile_sizes = [0, 0, 1]>}
// SMALL: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256], tile_sizes = [4, 16], reduction_tile_sizes = [0, 0]>}
func.func @matmul_epilogue(%a: tensor<512x256xf32>, %b: tensor<256x512xf32>, %bias: tensor<512xf32>) -> tensor<512x512xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<512x512xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<512x512xf32>) -> tensor<512x512xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<512x256xf32>, tensor<256x512xf32>) outs(%fill : tensor<512x512xf32>) -> tensor<512x512xf32>
  %out = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<512x512xf32>, tensor<512xf32>) outs(%empty : tensor<512x512xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<512x512xf32>
  return %out : tensor<512x512xf32>
}

// -----

// Cache tiles from the L2 budget (2 MiB; B and A blocks of at most 256 KiB):
// 1024^3 takes 256 x 256 tiles with k blocks of 256 (B's column panels are
// copied, 32 row tiles reuse each); 2048^3 the same rows, with A's block
// copied (A's rows, 8 KiB apart, share L2 sets: 2 MiB / 8 KiB / 2 = 128
// stay, where the A budget holds 256 x 256; the copy is contiguous), and so
// all 2048 columns in one cache tile (up to copied-a-cache-tile-cols), each
// A block copied once; the
// MLP's batch-1 layer (1 x 784 x 512) two column blocks of 256 with k
// blocks of 196 (the largest divisor of 784 up to 256), each one register
// tile of 1 x 256 (see @matmul_few_rows); a 256 KiB L2 holds B blocks of
// 32 x 256 (32 KiB) and, A's rows 4 KiB apart keeping 256 KiB / 4 KiB / 2 =
// 32 in L2, would leave 32-row tiles, too few to copy panels for: A's
// block is copied instead, 256 x 32 (its budget, 32 KiB), and the panels
// with it, over all 1024 columns; a small problem is one tile. With
// copied-a-cache-tile-cols=256 (NARROW), a copied A block's tile keeps the
// L2 budget's 256 columns.
// CHECK-LABEL: func.func @matmul_cache_tiles
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256, 256], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 2048, 256], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1], copied_operands = [0]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 256, 196], tile_sizes = [1, 256, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
// L2-LABEL: func.func @matmul_cache_tiles
// L2: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 1024, 32], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1], copied_operands = [0]>}
// NARROW-LABEL: func.func @matmul_cache_tiles
// NARROW: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256, 256], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
// NARROW: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256, 256], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1], copied_operands = [0]>}
func.func @matmul_cache_tiles(%a: tensor<1024x1024xf32>, %b: tensor<1024x1024xf32>, %c: tensor<1024x1024xf32>,
                              %d: tensor<2048x2048xf32>, %e: tensor<2048x2048xf32>, %f: tensor<2048x2048xf32>,
                              %x: tensor<1x784xf32>, %w: tensor<784x512xf32>, %y: tensor<1x512xf32>,
                              %s: tensor<32x64xf32>, %t: tensor<64x64xf32>, %u: tensor<32x64xf32>)
    -> (tensor<1024x1024xf32>, tensor<2048x2048xf32>, tensor<1x512xf32>, tensor<32x64xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<1024x1024xf32>, tensor<1024x1024xf32>) outs(%c : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  %1 = linalg.matmul ins(%d, %e : tensor<2048x2048xf32>, tensor<2048x2048xf32>) outs(%f : tensor<2048x2048xf32>) -> tensor<2048x2048xf32>
  %2 = linalg.matmul ins(%x, %w : tensor<1x784xf32>, tensor<784x512xf32>) outs(%y : tensor<1x512xf32>) -> tensor<1x512xf32>
  %3 = linalg.matmul ins(%s, %t : tensor<32x64xf32>, tensor<64x64xf32>) outs(%u : tensor<32x64xf32>) -> tensor<32x64xf32>
  return %0, %1, %2, %3 : tensor<1024x1024xf32>, tensor<2048x2048xf32>, tensor<1x512xf32>, tensor<32x64xf32>
}

// -----

// Tiles shared by threads divide evenly among them (parallel-min-tiles = 2)
// or are at least 4 per thread: 256 x 784 x 768 has B blocks of 256
// columns (784 * 768 * 4 bytes exceed the 256 KiB B budget; 256 is the
// largest multiple of 32 dividing 768 up to 256), k blocks of 196 (the
// largest divisor of 784 up to 256 KiB / (256 * 4) = 256) and A blocks of
// all 256 rows (256 KiB / (196 * 4) = 334 rows fit): 1 x 3 tiles, one of
// 2 threads idle a third of the time, so the rows are halved (the next
// smaller multiple of 8 dividing 256 is 128): 2 x 3 tiles. With N = 2304
// the same blocks make 1 x 9 tiles, at least 8: kept.
// CHECK-LABEL: func.func @matmul_balanced_tiles
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [128, 256, 196], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 256, 196], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
func.func @matmul_balanced_tiles(%a: tensor<256x784xf32>, %b: tensor<784x768xf32>, %c: tensor<256x768xf32>,
                                 %d: tensor<784x2304xf32>, %e: tensor<256x2304xf32>)
    -> (tensor<256x768xf32>, tensor<256x2304xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<256x784xf32>, tensor<784x768xf32>) outs(%c : tensor<256x768xf32>) -> tensor<256x768xf32>
  %1 = linalg.matmul ins(%a, %d : tensor<256x784xf32>, tensor<784x2304xf32>) outs(%e : tensor<256x2304xf32>) -> tensor<256x2304xf32>
  return %0, %1 : tensor<256x768xf32>, tensor<256x2304xf32>
}

// -----

// Fewer rows than the register tile's 8 keep about as many accumulators
// with wider tiles (a multiple of 32 columns dividing N, up to 32 * 8 /
// rows): M = 1 and N = 512 take 256 columns, M = 2 128, M = 4 and N = 128
// 64; M = 3 and N = 96 would take 64, which does not divide 96: 32; M = 1
// and N = 96 all 96.
// CHECK-LABEL: func.func @matmul_few_rows
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 256, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [2, 128, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [4, 64, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [3, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 96, 0], reduction_tile_sizes = [0, 0, 1]>}
func.func @matmul_few_rows(%a: tensor<1x64xf32>, %b: tensor<64x512xf32>, %c: tensor<1x512xf32>,
                           %d: tensor<2x64xf32>, %e: tensor<2x512xf32>,
                           %f: tensor<4x64xf32>, %g: tensor<64x128xf32>, %h: tensor<4x128xf32>,
                           %i: tensor<3x64xf32>, %j: tensor<64x96xf32>, %k: tensor<3x96xf32>,
                           %l: tensor<1x96xf32>)
    -> (tensor<1x512xf32>, tensor<2x512xf32>, tensor<4x128xf32>, tensor<3x96xf32>, tensor<1x96xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<1x64xf32>, tensor<64x512xf32>) outs(%c : tensor<1x512xf32>) -> tensor<1x512xf32>
  %1 = linalg.matmul ins(%d, %b : tensor<2x64xf32>, tensor<64x512xf32>) outs(%e : tensor<2x512xf32>) -> tensor<2x512xf32>
  %2 = linalg.matmul ins(%f, %g : tensor<4x64xf32>, tensor<64x128xf32>) outs(%h : tensor<4x128xf32>) -> tensor<4x128xf32>
  %3 = linalg.matmul ins(%i, %j : tensor<3x64xf32>, tensor<64x96xf32>) outs(%k : tensor<3x96xf32>) -> tensor<3x96xf32>
  %4 = linalg.matmul ins(%a, %j : tensor<1x64xf32>, tensor<64x96xf32>) outs(%l : tensor<1x96xf32>) -> tensor<1x96xf32>
  return %0, %1, %2, %3, %4 : tensor<1x512xf32>, tensor<2x512xf32>, tensor<4x128xf32>, tensor<3x96xf32>, tensor<1x96xf32>
}

// -----

// Tiles divide the shape: M = 4 takes 4 rows, N = 10 takes 10 columns, and a
// prime N = 7 falls back to 7.
// CHECK-LABEL: func.func @matmul_small_shapes
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [4, 10, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [6, 7, 0], reduction_tile_sizes = [0, 0, 1]>}
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 28, 0], reduction_tile_sizes = [0, 0, 1]>}
func.func @matmul_small_shapes(%a: tensor<4x128xf32>, %b: tensor<128x10xf32>, %c: tensor<6x3xf32>,
                               %d: tensor<3x7xf32>, %e: tensor<16x8xf32>, %f: tensor<8x784xf32>,
                               %i0: tensor<4x10xf32>, %i1: tensor<6x7xf32>, %i2: tensor<16x784xf32>)
    -> (tensor<4x10xf32>, tensor<6x7xf32>, tensor<16x784xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<4x128xf32>, tensor<128x10xf32>) outs(%i0 : tensor<4x10xf32>) -> tensor<4x10xf32>
  %1 = linalg.matmul ins(%c, %d : tensor<6x3xf32>, tensor<3x7xf32>) outs(%i1 : tensor<6x7xf32>) -> tensor<6x7xf32>
  %2 = linalg.matmul ins(%e, %f : tensor<16x8xf32>, tensor<8x784xf32>) outs(%i2 : tensor<16x784xf32>) -> tensor<16x784xf32>
  return %0, %1, %2 : tensor<4x10xf32>, tensor<6x7xf32>, tensor<16x784xf32>
}

// -----

// Other ops: one row at a time on outer parallel loops, up to 16 lanes on the
// innermost loop when it is parallel, reductions whole: a reduction over the
// innermost loop (the row sum) one row at a time (never 4 rows at once, read
// and transposed lane by lane); a reduction over an outer loop (the max over
// time) steps by 1 with up to 256 lanes of accumulators (here all 8
// features).
// CHECK-LABEL: func.func @reduction_and_elementwise
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 0], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 0, 8], reduction_tile_sizes = [0, 1, 0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 12], reduction_tile_sizes = [0, 0]>}
func.func @reduction_and_elementwise(%x: tensor<4x10xf32>, %s: tensor<4xf32>, %p: tensor<2x3x8xf32>,
                                     %q: tensor<2x8xf32>, %e: tensor<3x36xf32>) -> (tensor<4xf32>, tensor<2x8xf32>, tensor<3x36xf32>) {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                       iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x10xf32>) outs(%s : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>],
                       iterator_types = ["parallel", "reduction", "parallel"]} ins(%p : tensor<2x3x8xf32>) outs(%q : tensor<2x8xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    linalg.yield %m : f32
  } -> tensor<2x8xf32>
  %2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]} ins(%e : tensor<3x36xf32>) outs(%e : tensor<3x36xf32>) {
  ^bb0(%in: f32, %o: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<3x36xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<2x8xf32>, tensor<3x36xf32>
}

// -----

// A 2-D transpose (a factor of a reverse-mode matmul): square tiles of one
// vector of 16 lanes (the default vector width) each way, read as rows and
// transposed in registers, not output rows gathered with a stride (tiles
// [1, 16]). 24 rows: the largest divisor of 24 up to 16 is 12.
// CHECK-LABEL: func.func @transpose
// CHECK: linalg.transpose {{.*}} {nn.lowering_config = #nn.lowering_config<tile_sizes = [12, 16], reduction_tile_sizes = [0, 0]
func.func @transpose(%x: tensor<64x24xf32>) -> tensor<24x64xf32> {
  %e = tensor.empty() : tensor<24x64xf32>
  %t = linalg.transpose ins(%x : tensor<64x24xf32>) outs(%e : tensor<24x64xf32>) permutation = [1, 0]
  return %t : tensor<24x64xf32>
}

// -----

// The epilogue of a reduction over time gets the reduction's parallel tiles
// (so the reduction fuses into it): [1, 256] on [batch, features]. At 512K
// points the reduction is big enough for threads: one batch row per cache
// tile, and the epilogue follows.
// CHECK-LABEL: func.func @pool_epilogue
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0, 0], tile_sizes = [1, 0, 256], reduction_tile_sizes = [0, 1, 0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 256], reduction_tile_sizes = [0, 0]>}
func.func @pool_epilogue(%x: tensor<4x512x256xf32>, %init: tensor<4x256xf32>) -> tensor<4x256xf32> {
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>],
                         iterator_types = ["parallel", "reduction", "parallel"]} ins(%x : tensor<4x512x256xf32>) outs(%init : tensor<4x256xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<4x256xf32>
  %mean = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                          iterator_types = ["parallel", "parallel"]} ins(%sum : tensor<4x256xf32>) outs(%init : tensor<4x256xf32>) {
  ^bb0(%in: f32, %o: f32):
    %c = arith.constant 512.0 : f32
    %d = arith.divf %in, %c : f32
    linalg.yield %d : f32
  } -> tensor<4x256xf32>
  return %mean : tensor<4x256xf32>
}

// -----

#id1 = affine_map<(d0) -> (d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// Big ops are cut along their outermost parallel loop for the threads, in
// chunks of about 128K iterations (2 to 64 of them): 2^20 elements in 8
// chunks of 2^17; 2^17 points stay whole (one thread, cheap dispatch).
// Rows of at most half of L1 (24 KiB = 6144 f32) are cut into chunks of at
// most that: row sums of 4096 x 4096 one row (16 KiB) per chunk (a long
// inner reduction: one row at a time, reduced 64 lanes at a time); rows of
// 16384 (64 KiB) keep the first rule: 64 x 16384 = 2^20 points, 8 chunks of
// 8 rows.
// CHECK-LABEL: func.func @outer_cache_tiles
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [131072], tile_sizes = [16], reduction_tile_sizes = [0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 0], reduction_tile_sizes = [0, 64]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [16], reduction_tile_sizes = [0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [8, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
func.func @outer_cache_tiles(%a: tensor<1048576xf32>, %m: tensor<4096x4096xf32>, %s: tensor<4096xf32>,
                             %c: tensor<131072xf32>, %w: tensor<64x16384xf32>)
    -> (tensor<1048576xf32>, tensor<4096xf32>, tensor<131072xf32>, tensor<64x16384xf32>) {
  %0 = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%a : tensor<1048576xf32>) outs(%a : tensor<1048576xf32>) {
  ^bb0(%x: f32, %o: f32):
    %n = arith.negf %x : f32
    linalg.yield %n : f32
  } -> tensor<1048576xf32>
  %1 = linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
      ins(%m : tensor<4096x4096xf32>) outs(%s : tensor<4096xf32>) {
  ^bb0(%x: f32, %o: f32):
    %sum = arith.addf %x, %o : f32
    linalg.yield %sum : f32
  } -> tensor<4096xf32>
  %2 = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%c : tensor<131072xf32>) outs(%c : tensor<131072xf32>) {
  ^bb0(%x: f32, %o: f32):
    %n = arith.negf %x : f32
    linalg.yield %n : f32
  } -> tensor<131072xf32>
  %3 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%w : tensor<64x16384xf32>) outs(%w : tensor<64x16384xf32>) {
  ^bb0(%x: f32, %o: f32):
    %n = arith.negf %x : f32
    linalg.yield %n : f32
  } -> tensor<64x16384xf32>
  return %0, %1, %2, %3 : tensor<1048576xf32>, tensor<4096xf32>, tensor<131072xf32>, tensor<64x16384xf32>
}

// -----

// A bound kernel in 32-column panels is read one panel per register tile,
// whatever register-tile-cols says (16 with SMALL): tile_sizes' columns are
// the panel width. (M = 4, N = 64, K = 64: no cache tiles.)
// CHECK-LABEL: func.func @bound_panels
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [4, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
// SMALL-LABEL: func.func @bound_panels
// SMALL: linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [4, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
func.func @bound_panels(%a: tensor<4x64xf32>, %bp: tensor<2x64x32xf32>, %c: tensor<4x64xf32>) -> tensor<4x64xf32> {
  %empty = tensor.empty() : tensor<64x64xf32>
  %b = linalg.unpack %bp outer_dims_perm = [1, 0] inner_dims_pos = [1] inner_tiles = [32] into %empty : tensor<2x64x32xf32> -> tensor<64x64xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<4x64xf32>, tensor<64x64xf32>) outs(%c : tensor<4x64xf32>) -> tensor<4x64xf32>
  return %mm : tensor<4x64xf32>
}

// -----

// A copied A block's wide column tile is narrowed back, before any row is
// given up, when the threads need more tiles: 256 x 2048 x 2048 (A copied,
// one 256-row tile) is cut into two column tiles of 1024, not 2048 columns
// of 128 rows.
// CHECK-LABEL: func.func @wide_copied_tile_for_threads
// CHECK: linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [256, 1024, 256], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1], copied_operands = [0]>}
func.func @wide_copied_tile_for_threads(%a: tensor<256x2048xf32>, %b: tensor<2048x2048xf32>, %c: tensor<256x2048xf32>) -> tensor<256x2048xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<256x2048xf32>, tensor<2048x2048xf32>) outs(%c : tensor<256x2048xf32>) -> tensor<256x2048xf32>
  return %0 : tensor<256x2048xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// A softmax's exponentials, summed 64 lanes at a time (4 registers of 16
// lanes) and divided afterwards: no register tiles of their own, so that
// they are computed in the sum's chunks. With 8-lane registers a chunk would
// be 8 per value (AVX2), and without fuse-into-reduction-chunks, they keep
// their 16-lane tiles. The exponentials of a sum of 8 lanes (a row of 8,
// summed whole) and an elementwise op that two reductions read keep theirs.
// CHECK-LABEL: func.func @exps_in_sum_chunks
// CHECK: %[[EXPS:.*]] = linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [0, 0], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} ins(%[[EXPS]] : {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 0], reduction_tile_sizes = [0, 64]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 8], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 0], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} reduction_tile_sizes = [0, 64]>}
// CHECK: linalg.generic {{.*}} reduction_tile_sizes = [0, 64]>}
// AVX2-LABEL: func.func @exps_in_sum_chunks
// AVX2: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
// AVX2: linalg.generic {{.*}} reduction_tile_sizes = [0, 64]>}
func.func @exps_in_sum_chunks(%x: tensor<4096x4096xf32>, %s: tensor<4096xf32>, %y: tensor<4x8xf32>, %t: tensor<4xf32>)
    -> (tensor<4096x4096xf32>, tensor<4xf32>, tensor<4096xf32>, tensor<4096xf32>) {
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4096x4096xf32>) outs(%x : tensor<4096x4096xf32>) {
  ^bb0(%v: f32, %o: f32):
    %ex = math.exp %v : f32
    linalg.yield %ex : f32
  } -> tensor<4096x4096xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%e : tensor<4096x4096xf32>) outs(%s : tensor<4096xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %a = arith.addf %v, %acc : f32
    linalg.yield %a : f32
  } -> tensor<4096xf32>
  %out = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%e, %sum : tensor<4096x4096xf32>, tensor<4096xf32>) outs(%x : tensor<4096x4096xf32>) {
  ^bb0(%v: f32, %d: f32, %o: f32):
    %q = arith.divf %v, %d : f32
    linalg.yield %q : f32
  } -> tensor<4096x4096xf32>
  %short = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<4x8xf32>) outs(%y : tensor<4x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %ex = math.exp %v : f32
    linalg.yield %ex : f32
  } -> tensor<4x8xf32>
  %shortSum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%short : tensor<4x8xf32>) outs(%t : tensor<4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %a = arith.addf %v, %acc : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4096x4096xf32>) outs(%x : tensor<4096x4096xf32>) {
  ^bb0(%v: f32, %o: f32):
    %neg = arith.negf %v : f32
    linalg.yield %neg : f32
  } -> tensor<4096x4096xf32>
  %sum1 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%n : tensor<4096x4096xf32>) outs(%s : tensor<4096xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %a = arith.addf %v, %acc : f32
    linalg.yield %a : f32
  } -> tensor<4096xf32>
  %sum2 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%n : tensor<4096x4096xf32>) outs(%s : tensor<4096xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %m = arith.maxnumf %v, %acc : f32
    linalg.yield %m : f32
  } -> tensor<4096xf32>
  return %out, %shortSum, %sum1, %sum2 : tensor<4096x4096xf32>, tensor<4xf32>, tensor<4096xf32>, tensor<4096xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// The same exponentials returned as a result too: they keep their own
// register tiles (the function's result is no user in the sum's cache tile).
// CHECK-LABEL: func.func @returned_exps_keep_tiles
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} reduction_tile_sizes = [0, 64]>}
func.func @returned_exps_keep_tiles(%x: tensor<4096x4096xf32>, %s: tensor<4096xf32>)
    -> (tensor<4096x4096xf32>, tensor<4096xf32>) {
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4096x4096xf32>) outs(%x : tensor<4096x4096xf32>) {
  ^bb0(%v: f32, %o: f32):
    %ex = math.exp %v : f32
    linalg.yield %ex : f32
  } -> tensor<4096x4096xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%e : tensor<4096x4096xf32>) outs(%s : tensor<4096xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %a = arith.addf %v, %acc : f32
    linalg.yield %a : f32
  } -> tensor<4096xf32>
  return %e, %sum : tensor<4096x4096xf32>, tensor<4096xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// A row group over rows of 256 (a row sum and the division reading it):
// one row per cache tile, where rows of 256 would otherwise give 16 rows
// (half of L1) per chunk; an elementwise op of the same shape outside any
// row group keeps 16; a row group over rows of 8 (under 16) keeps the L1
// rule's chunks too (half of L1, 24 KiB, is 768 rows of 8 f32; the largest
// divisor of 131072 up to that is 512).
// CHECK-LABEL: func.func @row_group_tiles
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 0], reduction_tile_sizes = [0, 64]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [16, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
// CHECK: linalg.generic {{.*}} attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [512, 0], tile_sizes = [1, 0], reduction_tile_sizes = [0, 0]>}
func.func @row_group_tiles(%x: tensor<4096x256xf32>, %s: tensor<4096xf32>, %o: tensor<4096x256xf32>,
                           %n: tensor<131072x8xf32>, %t: tensor<131072xf32>)
    -> (tensor<4096x256xf32>, tensor<4096x256xf32>, tensor<131072xf32>) {
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4096x256xf32>) outs(%s : tensor<4096xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %a, %acc : f32
    linalg.yield %r : f32
  } -> tensor<4096xf32>
  %div = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %sum : tensor<4096x256xf32>, tensor<4096xf32>) outs(%o : tensor<4096x256xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %r = arith.divf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<4096x256xf32>
  %neg = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4096x256xf32>) outs(%o : tensor<4096x256xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  } -> tensor<4096x256xf32>
  %short = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%n : tensor<131072x8xf32>) outs(%t : tensor<131072xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %a, %acc : f32
    linalg.yield %r : f32
  } -> tensor<131072xf32>
  return %div, %neg, %short : tensor<4096x256xf32>, tensor<4096x256xf32>, tensor<131072xf32>
}
