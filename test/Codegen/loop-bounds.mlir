// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-stream-stores{min-bytes=1024}))" | FileCheck %s --check-prefix=STREAM
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-pipeline-row-stores{min-bytes=1024}))" | FileCheck %s --check-prefix=PIPE
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-collapse-parallel-rows))" | FileCheck %s --check-prefix=COLLAPSE
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-prefetch-rows{rows-ahead=4}))" | FileCheck %s --check-prefix=ROWS
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-prefetch-streams))" | FileCheck %s --check-prefix=STREAMS

// Loops with a step of 0 or below (scf.for accepts them) and constant
// bounds or steps near 2^63: the passes that compute trip counts, row
// counts or rows ahead from them leave such loops as they are, without
// dividing by zero or overflowing int64.

// The store loop's step is 0 (matchRowStore divided by it: SIGFPE).
// STREAM-LABEL: func.func @store_step_zero
// STREAM-NOT: nontemporal
// STREAM: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c0_{{[0-9]+}} {
// STREAM-NOT: nontemporal
// STREAM: return
// PIPE-LABEL: func.func @store_step_zero
// PIPE-NOT: scf.if
// PIPE-NOT: nontemporal
// PIPE: return
func.func @store_step_zero(%x: memref<40x1024xf32>, %out: memref<40x1024xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %zero_step = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c40 = arith.constant 40 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  %init = arith.constant dense<0.0> : vector<64xf32>
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %buf = memref.alloca() : memref<1x1024xf32>
    %sum = scf.for %c = %c0 to %c1024 step %c64 iter_args(%acc = %init) -> (vector<64xf32>) {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<64xf32>
      %e = math.exp %v : vector<64xf32>
      vector.transfer_write %e, %buf[%c0, %c] {in_bounds = [true]} : vector<64xf32>, memref<1x1024xf32>
      %a = arith.addf %acc, %e : vector<64xf32>
      scf.yield %a : vector<64xf32>
    }
    %s = vector.reduction <add>, %sum : vector<64xf32> into f32
    %row = memref.subview %out[%r, 0] [1, 1024] [1, 1] : memref<40x1024xf32> to memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    scf.for %c = %c0 to %c1024 step %zero_step {
      %e = vector.transfer_read %buf[%c0, %c], %pad {in_bounds = [true]} : memref<1x1024xf32>, vector<16xf32>
      %sv = vector.broadcast %s : f32 to vector<16xf32>
      %y = arith.divf %e, %sv : vector<16xf32>
      vector.transfer_write %y, %row[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    }
    scf.reduce
  }
  return
}

// -----

// A negative store step: no line loop either.
// STREAM-LABEL: func.func @store_step_negative
// STREAM-NOT: nontemporal
// STREAM: return
// PIPE-LABEL: func.func @store_step_negative
// PIPE-NOT: nontemporal
// PIPE: return
func.func @store_step_negative(%x: memref<40x1024xf32>, %out: memref<40x1024xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c40 = arith.constant 40 : index
  %c1024 = arith.constant 1024 : index
  %back = arith.constant -16 : index
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %row = memref.subview %out[%r, 0] [1, 1024] [1, 1] : memref<40x1024xf32> to memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    scf.for %c = %c0 to %c1024 step %back {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<16xf32>
      vector.transfer_write %v, %row[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    }
    scf.reduce
  }
  return
}

// -----

// The host loop's step is 0 and it computes no math function, so the pass
// measured its bytes read (dividing by the step: SIGFPE). The store loop
// itself still streams.
// PIPE-LABEL: func.func @host_step_zero
// PIPE-NOT: scf.if
// PIPE-NOT: nontemporal
// PIPE: return
// STREAM-LABEL: func.func @host_step_zero
// STREAM: nontemporal = true
func.func @host_step_zero(%x: memref<40x1024xf32>, %out: memref<40x1024xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %zero_step = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c40 = arith.constant 40 : index
  %c1024 = arith.constant 1024 : index
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %buf = memref.alloca() : memref<1x1024xf32>
    scf.for %c = %c0 to %c1024 step %zero_step {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<64xf32>
      vector.transfer_write %v, %buf[%c0, %c] {in_bounds = [true]} : vector<64xf32>, memref<1x1024xf32>
    }
    %row = memref.subview %out[%r, 0] [1, 1024] [1, 1] : memref<40x1024xf32> to memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    scf.for %c = %c0 to %c1024 step %c16 {
      %e = vector.transfer_read %buf[%c0, %c], %pad {in_bounds = [true]} : memref<1x1024xf32>, vector<16xf32>
      vector.transfer_write %e, %row[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    }
    scf.reduce
  }
  return
}

// -----

// Rows 0 and 2^62 of a loop up to 2^63 - 1: the row count (2) is computed
// without overflowing (upper - lower + step - 1 did, and gave -1 rows): one
// block of both rows.
// PIPE-LABEL: func.func @rows_near_2_63
// PIPE: scf.if
// PIPE: %[[ONE:.*]] = arith.constant 1 : index
// PIPE: scf.parallel (%[[B:.*]]) = (%{{.*}}) to (%[[ONE]]) step
// PIPE: %[[TWO:.*]] = arith.constant 2 : index
// PIPE: arith.muli %[[B]], %[[TWO]]
// PIPE: nontemporal = true
func.func @rows_near_2_63(%x: memref<40x1024xf32>, %out: memref<40x1024xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  %step = arith.constant 4611686018427387904 : index
  %max = arith.constant 9223372036854775807 : index
  %init = arith.constant dense<0.0> : vector<64xf32>
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%max) step (%step) {
    %buf = memref.alloca() : memref<1x1024xf32>
    %sum = scf.for %c = %c0 to %c1024 step %c64 iter_args(%acc = %init) -> (vector<64xf32>) {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<64xf32>
      %e = math.exp %v : vector<64xf32>
      vector.transfer_write %e, %buf[%c0, %c] {in_bounds = [true]} : vector<64xf32>, memref<1x1024xf32>
      %a = arith.addf %acc, %e : vector<64xf32>
      scf.yield %a : vector<64xf32>
    }
    %s = vector.reduction <add>, %sum : vector<64xf32> into f32
    %row = memref.subview %out[%r, 0] [1, 1024] [1, 1] : memref<40x1024xf32> to memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    scf.for %c = %c0 to %c1024 step %c16 {
      %e = vector.transfer_read %buf[%c0, %c], %pad {in_bounds = [true]} : memref<1x1024xf32>, vector<16xf32>
      %sv = vector.broadcast %s : f32 to vector<16xf32>
      %y = arith.divf %e, %sv : vector<16xf32>
      vector.transfer_write %y, %row[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    }
    scf.reduce
  }
  return
}

// -----

// A row group from -(2^63 - 1) to 2^63 - 1: upper - lower overflows, so no
// pipeline and no rows ahead.
// PIPE-LABEL: func.func @rows_span_overflows
// PIPE-NOT: scf.if
// PIPE: return
// ROWS-LABEL: func.func @rows_span_overflows
// ROWS-NOT: memref.prefetch
// ROWS: return
func.func @rows_span_overflows(%x: memref<64x4096xf32>, %out: memref<64x4096xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c4096 = arith.constant 4096 : index
  %min = arith.constant -9223372036854775807 : index
  %max = arith.constant 9223372036854775807 : index
  %pad = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<32xf32>
  scf.parallel (%r) = (%min) to (%max) step (%c1) {
    %sum = scf.for %j = %c0 to %c4096 step %c32 iter_args(%acc = %init) -> (vector<32xf32>) {
      %v = vector.transfer_read %x[%r, %j], %pad {in_bounds = [true]} : memref<64x4096xf32>, vector<32xf32>
      %a = arith.addf %acc, %v : vector<32xf32>
      scf.yield %a : vector<32xf32>
    }
    %s = vector.reduction <add>, %sum : vector<32xf32> into f32
    %row = memref.subview %out[%r, 0] [1, 4096] [1, 1] : memref<64x4096xf32> to memref<1x4096xf32, strided<[4096, 1], offset: ?>>
    scf.for %j = %c0 to %c4096 step %c16 {
      %v = vector.transfer_read %x[%r, %j], %pad {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
      %sv = vector.broadcast %s : f32 to vector<16xf32>
      %y = arith.divf %v, %sv : vector<16xf32>
      vector.transfer_write %y, %row[%c0, %j] {in_bounds = [true]} : vector<16xf32>, memref<1x4096xf32, strided<[4096, 1], offset: ?>>
    }
    scf.reduce
  }
  return
}

// -----

// Rows 2^61 apart, 4 rows ahead: 4 * 2^61 overflows (it became row + 0).
// ROWS-LABEL: func.func @rows_ahead_overflow
// ROWS-NOT: memref.prefetch
// ROWS: return
func.func @rows_ahead_overflow(%x: memref<64x4096xf32>, %out: memref<64x4096xf32>, %sums: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %c4096 = arith.constant 4096 : index
  %step = arith.constant 2305843009213693952 : index
  %max = arith.constant 9223372036854775807 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<32xf32>
  scf.parallel (%r) = (%c0) to (%max) step (%step) {
    %sum = scf.for %j = %c0 to %c4096 step %c32 iter_args(%acc = %init) -> (vector<32xf32>) {
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<32xf32>
      %a = arith.addf %acc, %v : vector<32xf32>
      scf.yield %a : vector<32xf32>
    }
    %s = vector.reduction <add>, %sum : vector<32xf32> into f32
    memref.store %s, %sums[%r] : memref<64xf32>
    scf.for %j = %c0 to %c4096 step %c32 {
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<32xf32>
      %e = math.exp %v : vector<32xf32>
      vector.transfer_write %e, %out[%r, %j] {in_bounds = [true]} : vector<32xf32>, memref<64x4096xf32>
    }
    scf.reduce
  }
  return
}

// -----

// 2^62 x 4 rows: their count overflows int64 (it wrapped to 0, a loop of
// no rows); and an empty dim (5 to 0, whose unsigned count was huge).
// COLLAPSE-LABEL: func.func @collapse_overflow
// COLLAPSE: scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}})
// COLLAPSE: scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}})
// COLLAPSE: return
func.func @collapse_overflow(%x: memref<6x5x256xf32>, %sums: memref<6x5xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %huge = arith.constant 4611686018427387904 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%huge, %c4) step (%c1, %c1) {
    %sum = scf.for %c = %c0 to %c256 step %c16 iter_args(%acc = %init) -> (vector<16xf32>) {
      %v = vector.transfer_read %x[%i, %j, %c], %zero {in_bounds = [true]} : memref<6x5x256xf32>, vector<16xf32>
      %a = arith.addf %acc, %v : vector<16xf32>
      scf.yield %a : vector<16xf32>
    }
    %s = vector.reduction <add>, %sum : vector<16xf32> into f32
    memref.store %s, %sums[%i, %j] : memref<6x5xf32>
    scf.reduce
  }
  scf.parallel (%i, %j) = (%c5, %c0) to (%c0, %c4) step (%c1, %c1) {
    %sum = scf.for %c = %c0 to %c256 step %c16 iter_args(%acc = %init) -> (vector<16xf32>) {
      %v = vector.transfer_read %x[%i, %j, %c], %zero {in_bounds = [true]} : memref<6x5x256xf32>, vector<16xf32>
      %a = arith.addf %acc, %v : vector<16xf32>
      scf.yield %a : vector<16xf32>
    }
    %s = vector.reduction <add>, %sum : vector<16xf32> into f32
    memref.store %s, %sums[%i, %j] : memref<6x5xf32>
    scf.reduce
  }
  return
}

// -----

// Register tiles of C one row step of 2^63 - 4 apart: the next tile's rows
// (r + step + 0..7) overflow, so nothing is prefetched for them.
// STREAMS-LABEL: func.func @next_tile_overflow
// STREAMS-NOT: memref.prefetch
// STREAMS: return
func.func @next_tile_overflow(%c: memref<256x32xf32, strided<[2048, 1], offset: ?>>,
                              %panel: memref<256x32xf32>, %a: memref<256x256xf32>,
                              %j: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c256 = arith.constant 256 : index
  %step = arith.constant 9223372036854775804 : index
  %zero = arith.constant 0.0 : f32
  scf.for %r = %c0 to %c256 step %step {
    %tile = memref.subview %c[%r, %j] [8, 32] [1, 1] : memref<256x32xf32, strided<[2048, 1], offset: ?>> to memref<8x32xf32, strided<[2048, 1], offset: ?>>
    %init = vector.transfer_read %tile[%c0, %c0], %zero {in_bounds = [true, true]} : memref<8x32xf32, strided<[2048, 1], offset: ?>>, vector<8x32xf32>
    %sum = scf.for %k = %c0 to %c256 step %c1 iter_args(%acc = %init) -> (vector<8x32xf32>) {
      %x = vector.transfer_read %a[%r, %k], %zero {in_bounds = [true, true]} : memref<256x256xf32>, vector<8x1xf32>
      %y = vector.transfer_read %panel[%k, %c0], %zero {in_bounds = [true, true]} : memref<256x32xf32>, vector<1x32xf32>
      %p = vector.contract {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
      scf.yield %p : vector<8x32xf32>
    }
    vector.transfer_write %sum, %tile[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[2048, 1], offset: ?>>
  }
  return
}
