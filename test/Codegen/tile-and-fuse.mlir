// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-tile-and-fuse,canonicalize,cse))" | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// The epilogue is the root: tiled 8x32, with the matmul and its fill fused
// into the tile loops; the matmul's k loop is then tiled by 1. The configs
// are gone afterwards.
// CHECK-LABEL: func.func @matmul_epilogue
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK: scf.for %{{.*}} = %[[C0]] to %[[C64]] step %[[C8]]
// CHECK:   scf.for %{{.*}} = %[[C0]] to %[[C128]] step %[[C32]]
// CHECK:     %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<8x32xf32>
// CHECK:     %[[ACC:.*]] = scf.for %{{.*}} = %[[C0]] to %{{.*}} step %[[C1]] iter_args(%[[A:.*]] = %[[FILL]])
// CHECK:       linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x1xf32>, tensor<1x32xf32>) outs(%[[A]] : tensor<8x32xf32>)
// CHECK:     linalg.generic {{.*}} ins(%[[ACC]], %{{.*}} : tensor<8x32xf32>, tensor<32xf32>)
// CHECK-NOT: nn.lowering_config
func.func @matmul_epilogue(%a: tensor<64x16xf32>, %b: tensor<16x128xf32>, %bias: tensor<128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<64x128xf32>
  %fill = linalg.fill {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
      ins(%zero : f32) outs(%empty : tensor<64x128xf32>) -> tensor<64x128xf32>
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %b : tensor<64x16xf32>, tensor<16x128xf32>) outs(%fill : tensor<64x128xf32>) -> tensor<64x128xf32>
  %out = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<64x128xf32>, tensor<128xf32>) outs(%empty : tensor<64x128xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 32], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  return %out : tensor<64x128xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// Cache tiles: the epilogue is tiled 32x64 into one scf.forall with the
// matmul and its fill fused in; inside, the matmul's k is blocked by 16. The
// first k block comes first, on its own: its 8x32 register tiles fuse the
// fill, so their accumulators start at zero (no tile of C filled and read
// back); the other blocks follow in an scf.for carrying the accumulator,
// register tiles 8x32 inside that, k step 1 innermost. The epilogue, whose
// producer is now that k loop, is tiled 8x32 on its own in the same cache
// tile.
// CHECK-LABEL: func.func @cache_tiles
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C48:.*]] = arith.constant 48 : index
// CHECK: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (64, 128) step (32, 64) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<64x128xf32>)
// CHECK:   %[[FIRST:.*]] = scf.for
// CHECK:     scf.for
// CHECK:       %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<8x32xf32>
// CHECK:       scf.for %{{.*}} = %{{.*}} to %[[C16]] step %{{.*}} iter_args(%{{.*}} = %[[FILL]]) -> (tensor<8x32xf32>)
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x1xf32>, tensor<1x32xf32>) outs(%{{.*}} : tensor<8x32xf32>)
// CHECK-NOT: linalg.fill
// CHECK:   %[[K:.*]] = scf.for %{{.*}} = %[[C16]] to %[[C48]] step %[[C16]] iter_args(%{{.*}} = %[[FIRST]]) -> (tensor<32x64xf32>)
// CHECK:     scf.for
// CHECK:       scf.for
// CHECK:         scf.for
// CHECK:           linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x1xf32>, tensor<1x32xf32>) outs(%{{.*}} : tensor<8x32xf32>)
// CHECK:   scf.for
// CHECK:     scf.for
// CHECK:       %[[SLICE:.*]] = tensor.extract_slice %[[K]]
// CHECK:       linalg.generic {{.*}} ins(%[[SLICE]], %{{.*}} : tensor<8x32xf32>, tensor<32xf32>)
// CHECK:   scf.forall.in_parallel
// CHECK-NOT: nn.lowering_config
func.func @cache_tiles(%a: tensor<64x48xf32>, %b: tensor<48x128xf32>, %bias: tensor<128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<64x128xf32>
  %fill = linalg.fill {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
      ins(%zero : f32) outs(%empty : tensor<64x128xf32>) -> tensor<64x128xf32>
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [32, 64, 16], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %b : tensor<64x48xf32>, tensor<48x128xf32>) outs(%fill : tensor<64x128xf32>) -> tensor<64x128xf32>
  %out = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<64x128xf32>, tensor<128xf32>) outs(%empty : tensor<64x128xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [32, 64], tile_sizes = [8, 32], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  return %out : tensor<64x128xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// A consumer whose tile differs from the matmul's does not pull the matmul
// in (that would recompute it per tile); the matmul is tiled on its own.
// CHECK-LABEL: func.func @no_fusion_across_tiles
// CHECK: %[[MM:.*]] = scf.for
// CHECK:   linalg.matmul {{.*}} -> tensor<8x32xf32>
// CHECK: scf.for
// CHECK:   tensor.extract_slice %[[MM]]
// CHECK:   linalg.generic {{.*}} ins(%{{.*}} : tensor<1x16xf32>)
func.func @no_fusion_across_tiles(%a: tensor<16x4xf32>, %b: tensor<4x32xf32>, %init: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 0]>}
      ins(%a, %b : tensor<16x4xf32>, tensor<4x32xf32>) outs(%init : tensor<16x32xf32>) -> tensor<16x32xf32>
  %neg = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm : tensor<16x32xf32>) outs(%init : tensor<16x32xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%x: f32, %o: f32):
    %n = arith.negf %x : f32
    linalg.yield %n : f32
  } -> tensor<16x32xf32>
  return %neg : tensor<16x32xf32>
}

// -----

// A k-blocked matmul whose cache tile holds 8 register rows: per k block,
// the column loop runs outside the row loop and each 16 x 32 column panel of
// B is copied (8 rows at a time) into a contiguous tensor, which every row
// tile's matmul then reads.
// CHECK-LABEL: func.func @packed_panels
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK: scf.forall
// CHECK:   scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C16]]
// CHECK:     scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C32]]
// CHECK:       %[[EMPTY:.*]] = tensor.empty() : tensor<16x32xf32>
// CHECK:       %[[PANEL:.*]] = scf.for %{{.*}} = %{{.*}} to %[[C16]] step %[[C8]] iter_args(%{{.*}} = %[[EMPTY]])
// CHECK:         linalg.copy ins(%{{.*}} : tensor<8x32xf32>)
// CHECK:       scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C8]]
// CHECK:         scf.for
// CHECK:           %[[BK:.*]] = tensor.extract_slice %[[PANEL]]
// CHECK:           linalg.matmul ins(%{{.*}}, %[[BK]] : tensor<8x1xf32>, tensor<1x32xf32>)
func.func @packed_panels(%a: tensor<128x64xf32>, %b: tensor<64x128xf32>, %c: tensor<128x128xf32>) -> tensor<128x128xf32> {
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [64, 64, 16], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %b : tensor<128x64xf32>, tensor<64x128xf32>) outs(%c : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %mm : tensor<128x128xf32>
}

// -----

// The same from a fill: the register tiles copy panels and fuse nothing, so
// the first k block is not taken out (its tiles could not start from the
// fill); the fill keeps its own loop and the k loop starts at block 0.
// CHECK-LABEL: func.func @packed_panels_from_fill
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK: scf.forall
// CHECK:   %[[FILL:.*]] = scf.for
// CHECK:     linalg.fill {{.*}} -> tensor<1x16xf32>
// CHECK:   scf.for %{{.*}} = %[[C0]] to %[[C64]] step %[[C16]] iter_args(%{{.*}} = %[[FILL]])
// CHECK:     linalg.copy ins(%{{.*}} : tensor<8x32xf32>)
// CHECK-NOT: linalg.fill
func.func @packed_panels_from_fill(%a: tensor<128x64xf32>, %b: tensor<64x128xf32>) -> tensor<128x128xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<128x128xf32>
  %fill = linalg.fill {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
      ins(%zero : f32) outs(%empty : tensor<128x128xf32>) -> tensor<128x128xf32>
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [64, 64, 16], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %b : tensor<128x64xf32>, tensor<64x128xf32>) outs(%fill : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %mm : tensor<128x128xf32>
}

// -----

// The same with A copied (copied_operands = [0]): per k block, before the
// column loop, the cache tile's 64 x 16 block of A is copied row by row
// into one contiguous tensor, which the row tiles read A from.
// CHECK-LABEL: func.func @copied_lhs
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK: scf.forall
// CHECK:   scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C16]]
// CHECK:     %[[AEMPTY:.*]] = tensor.empty() : tensor<64x16xf32>
// CHECK:     %[[ABLOCK:.*]] = scf.for %{{.*}} = %{{.*}} to %[[C64]] step %[[C1]] iter_args(%{{.*}} = %[[AEMPTY]])
// CHECK:       linalg.copy ins(%{{.*}} : tensor<1x16xf32>)
// CHECK:     scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C32]]
// CHECK:       tensor.empty() : tensor<16x32xf32>
// CHECK:       linalg.copy ins(%{{.*}} : tensor<8x32xf32>)
// CHECK:       scf.for
// CHECK:         %[[ASTRIP:.*]] = tensor.extract_slice %[[ABLOCK]][%{{.*}}, 0] [8, 16] [1, 1]
// CHECK:         scf.for
// CHECK:           %[[AK:.*]] = tensor.extract_slice %[[ASTRIP]]
// CHECK:           linalg.matmul ins(%[[AK]], %{{.*}} : tensor<8x1xf32>, tensor<1x32xf32>)
func.func @copied_lhs(%a: tensor<128x64xf32>, %b: tensor<64x128xf32>, %c: tensor<128x128xf32>) -> tensor<128x128xf32> {
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [64, 64, 16], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1], copied_operands = [0]>}
      ins(%a, %b : tensor<128x64xf32>, tensor<64x128xf32>) outs(%c : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %mm : tensor<128x128xf32>
}

// -----

// The same matmul with B a bound kernel in 32-column panels
// (nn-pack-bound-weights): no panel is copied, and every register tile's
// 1 x 32 row of B is read from the packed panels: panel (n + j) / 32 of
// the cache tile's column n and the panel loop's j, row k + kk of the k
// block k and the step kk.
// CHECK: #[[$PANEL:.*]] = affine_map<(d0, d1) -> ((d0 + d1) floordiv 32)>
// CHECK: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0 + d1)>
// CHECK-LABEL: func.func @bound_panels
// CHECK-SAME: %[[BP:[a-z0-9]+]]: tensor<4x64x32xf32>
// CHECK-NOT: linalg.copy
// CHECK-NOT: linalg.unpack
// CHECK: scf.forall (%[[M:.*]], %[[N:.*]]) =
// CHECK:   scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK:     scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK:       scf.for
// CHECK:         scf.for %[[KK:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK-DAG:       %[[P:.*]] = affine.apply #[[$PANEL]](%[[J]], %[[N]])
// CHECK-DAG:       %[[R:.*]] = affine.apply #[[$ROW]](%[[KK]], %[[K]])
// CHECK:           %[[BK:.*]] = tensor.extract_slice %[[BP]][%[[P]], %[[R]], 0] [1, 1, 32] [1, 1, 1] : tensor<4x64x32xf32> to tensor<1x32xf32>
// CHECK:           linalg.matmul ins(%{{.*}}, %[[BK]] : tensor<8x1xf32>, tensor<1x32xf32>)
// CHECK-NOT: linalg.copy
// CHECK-NOT: linalg.unpack
func.func @bound_panels(%a: tensor<128x64xf32>, %bp: tensor<4x64x32xf32>, %c: tensor<128x128xf32>) -> tensor<128x128xf32> {
  %empty = tensor.empty() : tensor<64x128xf32>
  %b = linalg.unpack %bp outer_dims_perm = [1, 0] inner_dims_pos = [1] inner_tiles = [32] into %empty : tensor<4x64x32xf32> -> tensor<64x128xf32>
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [64, 64, 16], tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %b : tensor<128x64xf32>, tensor<64x128xf32>) outs(%c : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %mm : tensor<128x128xf32>
}

// -----

// A slice of the panels that does not start on a panel (columns 16 to 47)
// cannot be read from one: the kernel is unpacked (a transpose into a new
// tensor) instead.
// CHECK-LABEL: func.func @misaligned_panels
// CHECK-NOT: linalg.unpack
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x64x32xf32>) outs(%{{.*}} : tensor<64x2x32xf32>) permutation = [1, 0, 2]
// CHECK: tensor.collapse_shape
// CHECK: linalg.matmul
func.func @misaligned_panels(%a: tensor<8x64xf32>, %bp: tensor<2x64x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %empty = tensor.empty() : tensor<64x64xf32>
  %b = linalg.unpack %bp outer_dims_perm = [1, 0] inner_dims_pos = [1] inner_tiles = [32] into %empty : tensor<2x64x32xf32> -> tensor<64x64xf32>
  %middle = tensor.extract_slice %b[0, 16] [64, 32] [1, 1] : tensor<64x64xf32> to tensor<64x32xf32>
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %middle : tensor<8x64xf32>, tensor<64x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %mm : tensor<8x32xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// A softmax-like row: exp feeds a long row sum, and a normalization divides
// by the sum. One cache tile (a row) holds all three: the division's tile
// fuses the sum, both fuse their copy of exp, and the copies merge, so the
// row's exponentials are computed once, into a row buffer that the sum and
// the division then read (exp has two users: no register tile loop fuses
// it). The sum is chunked 256 lanes at a time into a partial accumulator,
// merged once per row; the division's column tiles read the row's sum.
// CHECK-LABEL: func.func @long_row_sum
// CHECK:     scf.forall (%[[ROW:.*]]) in (8)
// CHECK-NOT: scf.forall
// CHECK:       %[[EXPS:.*]] = scf.for {{.*}} -> (tensor<1x4096xf32>)
// CHECK:         math.exp
// CHECK-NOT: math.exp
// CHECK:       %[[PARTIAL:.*]] = linalg.fill {{.*}} -> tensor<1x256xf32>
// CHECK:       %[[CHUNKS:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[PARTIAL]]) -> (tensor<1x256xf32>)
// CHECK:         tensor.extract_slice %[[EXPS]]
// CHECK:         arith.addf
// CHECK:       %[[SUM:.*]] = linalg.reduce ins(%[[CHUNKS]] : tensor<1x256xf32>) {{.*}} dimensions = [1]
// CHECK:       scf.for
// CHECK:         tensor.extract_slice %[[EXPS]]
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %[[SUM]] : tensor<1x256xf32>, tensor<1xf32>)
// CHECK:           arith.divf
// CHECK:       scf.forall.in_parallel
func.func @long_row_sum(%x: tensor<8x4096xf32>) -> tensor<8x4096xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8x4096xf32>
  %rows = tensor.empty() : tensor<8xf32>
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<8x4096xf32>) outs(%empty : tensor<8x4096xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%v: f32, %o: f32):
    %ex = math.exp %v : f32
    linalg.yield %ex : f32
  } -> tensor<8x4096xf32>
  %init = linalg.fill ins(%zero : f32) outs(%rows : tensor<8xf32>) -> tensor<8xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%e : tensor<8x4096xf32>) outs(%init : tensor<8xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 0], reduction_tile_sizes = [0, 256]>} {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %v, %acc : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %out = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%e, %sum : tensor<8x4096xf32>, tensor<8xf32>) outs(%empty : tensor<8x4096xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 256], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%v: f32, %s: f32, %o: f32):
    %d = arith.divf %v, %s : f32
    linalg.yield %d : f32
  } -> tensor<8x4096xf32>
  return %out : tensor<8x4096xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// The same row with exp left to the sum's chunks (no register tiles of its
// own): exp is computed 256 lanes at a time inside the sum's chunk loop,
// which yields both the partial sums and the row of exponentials, written
// chunk by chunk; the division reads that row (not a second exp).
// CHECK-LABEL: func.func @exps_in_sum_chunks
// CHECK:     scf.forall (%[[ROW:.*]]) in (8)
// CHECK:       %[[PARTIAL:.*]] = linalg.fill {{.*}} -> tensor<1x256xf32>
// CHECK:       %[[CHUNKS:.*]]:2 = scf.for %[[COL:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %[[PARTIAL]], %[[EXPROW:.*]] = %{{.*}}) -> (tensor<1x256xf32>, tensor<1x4096xf32>)
// CHECK:         %[[CHUNK:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1x256xf32>)
// CHECK:           math.exp
// CHECK:         %[[ADDED:.*]] = linalg.generic {{.*}} ins(%[[CHUNK]] : tensor<1x256xf32>) outs(%[[ACC]] : tensor<1x256xf32>)
// CHECK:           arith.addf
// CHECK:         %[[STORED:.*]] = tensor.insert_slice %[[CHUNK]] into %[[EXPROW]][0, %[[COL]]] [1, 256]
// CHECK:         scf.yield %[[ADDED]], %[[STORED]]
// CHECK:       %[[SUM:.*]] = linalg.reduce ins(%[[CHUNKS]]#0 : tensor<1x256xf32>) {{.*}} dimensions = [1]
// CHECK-NOT: math.exp
// CHECK:       scf.for
// CHECK:         tensor.extract_slice %[[CHUNKS]]#1
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %[[SUM]] : tensor<1x256xf32>, tensor<1xf32>)
// CHECK:           arith.divf
// CHECK:       scf.forall.in_parallel
func.func @exps_in_sum_chunks(%x: tensor<8x4096xf32>) -> tensor<8x4096xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8x4096xf32>
  %rows = tensor.empty() : tensor<8xf32>
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<8x4096xf32>) outs(%empty : tensor<8x4096xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [0, 0], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%v: f32, %o: f32):
    %ex = math.exp %v : f32
    linalg.yield %ex : f32
  } -> tensor<8x4096xf32>
  %init = linalg.fill ins(%zero : f32) outs(%rows : tensor<8xf32>) -> tensor<8xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%e : tensor<8x4096xf32>) outs(%init : tensor<8xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 0], reduction_tile_sizes = [0, 256]>} {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %v, %acc : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  %out = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%e, %sum : tensor<8x4096xf32>, tensor<8xf32>) outs(%empty : tensor<8x4096xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [1, 0], tile_sizes = [1, 256], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%v: f32, %s: f32, %o: f32):
    %d = arith.divf %v, %s : f32
    linalg.yield %d : f32
  } -> tensor<8x4096xf32>
  return %out : tensor<8x4096xf32>
}

// -----

// A matmul's B padded to whole vector registers (nn-split-ragged-matmuls):
// each cache tile pads it on its own thread, inside the scf.forall, instead
// of one thread padding all of it before the loop.
// CHECK-LABEL: func.func @padded_rhs_in_cache_tiles
// CHECK-NOT: tensor.pad
// CHECK: scf.forall
// CHECK:   tensor.pad %{{.*}} low[0, 0] high[0, %{{.*}}]
// CHECK:   scf.for
// CHECK:     linalg.matmul
func.func @padded_rhs_in_cache_tiles(%a: tensor<252x512xf32>, %b: tensor<512x10xf32>) -> tensor<252x16xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %b low[0, 0] high[0, 6] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<512x10xf32> to tensor<512x16xf32>
  %empty = tensor.empty() : tensor<252x16xf32>
  %fill = linalg.fill {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
      ins(%zero : f32) outs(%empty : tensor<252x16xf32>) -> tensor<252x16xf32>
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [126, 16, 0], tile_sizes = [6, 16, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %padded : tensor<252x512xf32>, tensor<512x16xf32>) outs(%fill : tensor<252x16xf32>) -> tensor<252x16xf32>
  return %mm : tensor<252x16xf32>
}

// -----

// Without cache tiles (one thread) the pad stays where it is: once, before
// the register tiles, not once per tile.
// CHECK-LABEL: func.func @padded_rhs_register_tiles
// CHECK: tensor.pad %{{.*}} low[0, 0] high[0, 6]
// CHECK: scf.for
// CHECK-NOT: tensor.pad
func.func @padded_rhs_register_tiles(%a: tensor<12x512xf32>, %b: tensor<512x10xf32>) -> tensor<12x16xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %b low[0, 0] high[0, 6] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<512x10xf32> to tensor<512x16xf32>
  %empty = tensor.empty() : tensor<12x16xf32>
  %fill = linalg.fill {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
      ins(%zero : f32) outs(%empty : tensor<12x16xf32>) -> tensor<12x16xf32>
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [6, 16, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %padded : tensor<12x512xf32>, tensor<512x16xf32>) outs(%fill : tensor<12x16xf32>) -> tensor<12x16xf32>
  return %mm : tensor<12x16xf32>
}
