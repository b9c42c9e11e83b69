// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-prefetch-streams{min-ops-per-line=4},canonicalize))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-prefetch-streams,canonicalize))" | FileCheck %s --check-prefix=DEFAULT

// A loop computing 4 vector ops per 64-byte line it reads from a 4 MiB
// input, at a column that advances with the loop (tile + j), prefetches the
// line 2048 bytes (512 f32) further on, at most the last element.
// CHECK-LABEL: func.func @heavy_1d
// CHECK-DAG: %[[AHEAD:.*]] = arith.constant 512 : index
// CHECK-DAG: %[[LAST:.*]] = arith.constant 1048575 : index
// CHECK: scf.for %[[J:.*]] =
// CHECK:   %[[COL:.*]] = affine.apply #{{.*}}()[%{{.*}}, %[[J]]]
// CHECK:   %[[NEXT:.*]] = arith.addi %[[COL]], %[[AHEAD]]
// CHECK:   %[[AT:.*]] = arith.minsi %[[NEXT]], %[[LAST]]
// CHECK:   memref.prefetch %{{.*}}[%[[AT]]], read, locality<3>, data : memref<1048576xf32>
// CHECK:   vector.transfer_read %{{.*}}[%[[COL]]]
// The default asks for 32 ops per line: 4 are not enough.
// DEFAULT-LABEL: func.func @heavy_1d
// DEFAULT-NOT: memref.prefetch
// DEFAULT: return
func.func @heavy_1d(%x: memref<1048576xf32>, %out: memref<1048576xf32>, %tile: index) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c65536 = arith.constant 65536 : index
  %zero = arith.constant 0.0 : f32
  %two = arith.constant dense<2.0> : vector<16xf32>
  scf.for %j = %c0 to %c65536 step %c16 {
    %col = affine.apply affine_map<()[s0, s1] -> (s0 + s1)>()[%tile, %j]
    %v = vector.transfer_read %x[%col], %zero {in_bounds = [true]} : memref<1048576xf32>, vector<16xf32>
    %a = arith.mulf %v, %two : vector<16xf32>
    %b = arith.addf %a, %v : vector<16xf32>
    %c = arith.mulf %b, %a : vector<16xf32>
    %d = arith.subf %c, %two : vector<16xf32>
    vector.transfer_write %d, %out[%col] {in_bounds = [true]} : vector<16xf32>, memref<1048576xf32>
  }
  return
}

// -----

// Rows of a 2-D input: the prefetch address runs on in the flattened input
// (row r's end continues into row r + 1).
// CHECK-LABEL: func.func @heavy_2d
// CHECK-SAME: %[[X:[a-z0-9]+]]: memref<1024x4096xf32>
// CHECK-DAG: %[[AHEAD:.*]] = arith.constant 512 : index
// CHECK-DAG: %[[LAST:.*]] = arith.constant 4194303 : index
// CHECK-DAG: %[[ROW:.*]] = arith.constant 4096 : index
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1]] : memref<1024x4096xf32> into memref<4194304xf32>
// CHECK: scf.for %[[J:.*]] =
// CHECK:   %[[ROWSTART:.*]] = arith.muli %[[R:.*]], %[[ROW]]
// CHECK:   %[[POS:.*]] = arith.addi %[[ROWSTART]], %[[J]]
// CHECK:   %[[NEXT:.*]] = arith.addi %[[POS]], %[[AHEAD]]
// CHECK:   %[[AT:.*]] = arith.minsi %[[NEXT]], %[[LAST]]
// CHECK:   memref.prefetch %[[FLAT]][%[[AT]]]
// CHECK:   vector.transfer_read %[[X]][%[[R]], %[[J]]]
func.func @heavy_2d(%x: memref<1024x4096xf32>, %out: memref<1024x4096xf32>, %r: index) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  %two = arith.constant dense<2.0> : vector<16xf32>
  scf.for %j = %c0 to %c4096 step %c16 {
    %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<1024x4096xf32>, vector<16xf32>
    %a = arith.mulf %v, %two : vector<16xf32>
    %b = arith.addf %a, %v : vector<16xf32>
    %c = arith.mulf %b, %a : vector<16xf32>
    %d = arith.subf %c, %two : vector<16xf32>
    vector.transfer_write %d, %out[%r, %j] {in_bounds = [true]} : vector<16xf32>, memref<1024x4096xf32>
  }
  return
}

// -----

// Half-line vectors (8 f32): 2 ops per vector are 4 per line.
// CHECK-LABEL: func.func @half_lines
// CHECK: scf.for
// CHECK:   memref.prefetch
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @half_lines(%x: memref<1048576xf32>, %out: memref<1048576xf32>) {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  %c1048576 = arith.constant 1048576 : index
  %zero = arith.constant 0.0 : f32
  %two = arith.constant dense<2.0> : vector<8xf32>
  scf.for %j = %c0 to %c1048576 step %c8 {
    %v = vector.transfer_read %x[%j], %zero {in_bounds = [true]} : memref<1048576xf32>, vector<8xf32>
    %a = arith.mulf %v, %two : vector<8xf32>
    %b = arith.addf %a, %v : vector<8xf32>
    vector.transfer_write %b, %out[%j] {in_bounds = [true]} : vector<8xf32>, memref<1048576xf32>
  }
  return
}

// -----

// Left to the hardware prefetcher: a light loop (3 ops per line, bound by
// memory), an input smaller than 4 MiB, a read that does not advance with the
// loop, a strided view (not contiguous), and a loop around another loop
// (the inner one reads the same columns each time).
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @left_alone(%x: memref<1048576xf32>, %small: memref<1024xf32>,
                      %wide: memref<1024x8192xf32>, %out: memref<1048576xf32>,
                      %i: index) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c1024 = arith.constant 1024 : index
  %c65536 = arith.constant 65536 : index
  %zero = arith.constant 0.0 : f32
  %two = arith.constant dense<2.0> : vector<16xf32>
  scf.for %j = %c0 to %c65536 step %c16 {
    %v = vector.transfer_read %x[%j], %zero {in_bounds = [true]} : memref<1048576xf32>, vector<16xf32>
    %a = arith.mulf %v, %two : vector<16xf32>
    %b = arith.addf %a, %v : vector<16xf32>
    %c = arith.mulf %b, %a : vector<16xf32>
    vector.transfer_write %c, %out[%j] {in_bounds = [true]} : vector<16xf32>, memref<1048576xf32>
  }
  scf.for %j = %c0 to %c1024 step %c16 {
    %v = vector.transfer_read %small[%j], %zero {in_bounds = [true]} : memref<1024xf32>, vector<16xf32>
    %a = arith.mulf %v, %two : vector<16xf32>
    %b = arith.addf %a, %v : vector<16xf32>
    %c = arith.mulf %b, %a : vector<16xf32>
    %d = arith.subf %c, %two : vector<16xf32>
    vector.transfer_write %d, %out[%j] {in_bounds = [true]} : vector<16xf32>, memref<1048576xf32>
  }
  scf.for %j = %c0 to %c65536 step %c16 {
    %v = vector.transfer_read %x[%i], %zero {in_bounds = [true]} : memref<1048576xf32>, vector<16xf32>
    %a = arith.mulf %v, %two : vector<16xf32>
    %b = arith.addf %a, %v : vector<16xf32>
    %c = arith.mulf %b, %a : vector<16xf32>
    %d = arith.subf %c, %two : vector<16xf32>
    vector.transfer_write %d, %out[%j] {in_bounds = [true]} : vector<16xf32>, memref<1048576xf32>
  }
  %half = memref.subview %wide[0, 0] [1024, 4096] [1, 1] : memref<1024x8192xf32> to memref<1024x4096xf32, strided<[8192, 1]>>
  scf.for %j = %c0 to %c1024 step %c16 {
    %v = vector.transfer_read %half[%i, %j], %zero {in_bounds = [true]} : memref<1024x4096xf32, strided<[8192, 1]>>, vector<16xf32>
    %a = arith.mulf %v, %two : vector<16xf32>
    %b = arith.addf %a, %v : vector<16xf32>
    %c = arith.mulf %b, %a : vector<16xf32>
    %d = arith.subf %c, %two : vector<16xf32>
    vector.transfer_write %d, %out[%j] {in_bounds = [true]} : vector<16xf32>, memref<1048576xf32>
  }
  scf.for %k = %c0 to %c1024 step %c16 {
    scf.for %j = %c0 to %c1024 step %c16 {
      %v = vector.transfer_read %x[%k], %zero {in_bounds = [true]} : memref<1048576xf32>, vector<16xf32>
      %a = arith.mulf %v, %two : vector<16xf32>
      %b = arith.addf %a, %v : vector<16xf32>
      %c = arith.mulf %b, %a : vector<16xf32>
      %d = arith.subf %c, %two : vector<16xf32>
      vector.transfer_write %d, %out[%j] {in_bounds = [true]} : vector<16xf32>, memref<1048576xf32>
    }
  }
  return
}

// -----

// A matmul kernel reading B in place (rows 2 KiB apart, 128 bytes of row k
// at step k, carrying its accumulator) prefetches both lines of the same
// columns 8 rows further on, at most the last row. The A read (a column of
// 8 values, a vector that is not a row piece) is not prefetched.
// CHECK-LABEL: func.func @strided_rows
// CHECK-SAME: %[[A:[a-z0-9]+]]: memref<32x784xf32>, %[[B:[a-z0-9]+]]: memref<784x512xf32>
// CHECK-DAG: %[[EIGHT:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[LASTROW:.*]] = arith.constant 783 : index
// CHECK-DAG: %[[SIXTEEN:.*]] = arith.constant 16 : index
// CHECK: scf.for %[[K:.*]] = {{.*}} iter_args
// CHECK:   %[[ROW:.*]] = affine.apply #{{.*}}()[%{{.*}}, %[[K]]]
// CHECK:   vector.transfer_read %[[A]]
// CHECK-NOT: memref.prefetch
// CHECK:   %[[COL:.*]] = affine.apply
// CHECK:   %[[NEXT:.*]] = arith.addi %[[ROW]], %[[EIGHT]]
// CHECK:   %[[AT:.*]] = arith.minsi %[[NEXT]], %[[LASTROW]]
// CHECK:   memref.prefetch %[[B]][%[[AT]], %[[COL]]], read, locality<3>, data
// CHECK:   %[[COL2:.*]] = arith.addi %[[COL]], %[[SIXTEEN]]
// CHECK:   memref.prefetch %[[B]][%[[AT]], %[[COL2]]], read, locality<3>, data
// CHECK:   vector.transfer_read %[[B]][%[[ROW]], %[[COL]]]
// CHECK-NOT: memref.prefetch
// CHECK: return
// DEFAULT-LABEL: func.func @strided_rows
// DEFAULT-COUNT-2: memref.prefetch
// DEFAULT-NOT: memref.prefetch
// DEFAULT: return
func.func @strided_rows(%a: memref<32x784xf32>, %b: memref<784x512xf32>,
                        %acc: vector<8x32xf32>, %k0: index, %i: index,
                        %n0: index, %j: index) -> vector<8x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c196 = arith.constant 196 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %k = %c0 to %c196 step %c1 iter_args(%sum = %acc) -> (vector<8x32xf32>) {
    %row = affine.apply affine_map<()[s0, s1] -> (s0 + s1)>()[%k0, %k]
    %x = vector.transfer_read %a[%i, %row], %zero {in_bounds = [true, true]} : memref<32x784xf32>, vector<8x1xf32>
    %col = affine.apply affine_map<()[s0, s1] -> (s0 + s1)>()[%n0, %j]
    %y = vector.transfer_read %b[%row, %col], %zero {in_bounds = [true, true]} : memref<784x512xf32>, vector<1x32xf32>
    %p = vector.contract {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %sum : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    scf.yield %p : vector<8x32xf32>
  }
  return %r : vector<8x32xf32>
}

// -----

// Left alone: B copied into a contiguous panel (rows 128 bytes apart), a
// 0-d read, a row read across half its stride (a batch of 1 reading 256 of 512
// columns: the hardware prefetcher follows it), and a loop that carries
// nothing (a copy).
// CHECK-LABEL: func.func @strided_left_alone
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @strided_left_alone(%panel: memref<196x32xf32>, %b: memref<784x512xf32>,
                              %out: memref<784x512xf32>, %acc: vector<1x32xf32>,
                              %wide: vector<1x256xf32>) -> (vector<1x32xf32>, vector<1x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c196 = arith.constant 196 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %k = %c0 to %c196 step %c1 iter_args(%sum = %acc) -> (vector<1x32xf32>) {
    %y = vector.transfer_read %panel[%k, %c0], %zero {in_bounds = [true, true]} : memref<196x32xf32>, vector<1x32xf32>
    %z = vector.transfer_read %b[%k, %c0], %zero {permutation_map = affine_map<(d0, d1) -> ()>} : memref<784x512xf32>, vector<f32>
    %zs = vector.broadcast %z : vector<f32> to vector<1x32xf32>
    %yz = arith.addf %y, %zs : vector<1x32xf32>
    %s = arith.addf %yz, %sum : vector<1x32xf32>
    scf.yield %s : vector<1x32xf32>
  }
  %w = scf.for %k = %c0 to %c196 step %c1 iter_args(%sum = %wide) -> (vector<1x256xf32>) {
    %y = vector.transfer_read %b[%k, %c0], %zero {in_bounds = [true, true]} : memref<784x512xf32>, vector<1x256xf32>
    %s = arith.addf %y, %sum : vector<1x256xf32>
    scf.yield %s : vector<1x256xf32>
  }
  scf.for %k = %c0 to %c196 step %c1 {
    %y = vector.transfer_read %b[%k, %c0], %zero {in_bounds = [true, true]} : memref<784x512xf32>, vector<1x32xf32>
    vector.transfer_write %y, %out[%k, %c0] {in_bounds = [true, true]} : vector<1x32xf32>, memref<784x512xf32>
  }
  return %r, %w : vector<1x32xf32>, vector<1x256xf32>
}

// -----

// Register tiles of C, one per row step of 8: before each tile's reduction
// loop, every line of the next tile (rows r + 8 .. r + 15, two lines of 16
// f32 each) is prefetched for writing, the rows at most the last one (255).
// CHECK-LABEL: func.func @next_accumulators
// CHECK-DAG: %[[LAST:.*]] = arith.constant 255 : index
// CHECK-DAG: %[[R8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[R15:.*]] = arith.constant 15 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step %[[R8]]
// CHECK:   %[[TILE:.*]] = memref.subview %[[C:.*]][%[[R]], %[[J:.*]]] [8, 32]
// CHECK:   vector.transfer_read %[[TILE]]
// CHECK:   %[[NEXT:.*]] = arith.addi %[[R]], %[[R8]]
// CHECK:   %[[ROW:.*]] = arith.minsi %[[NEXT]], %[[LAST]]
// CHECK:   memref.prefetch %[[C]][%[[ROW]], %[[J]]], write, locality<3>, data
// CHECK:   %[[J16:.*]] = arith.addi %[[J]], %[[C16]]
// CHECK:   memref.prefetch %[[C]][%[[ROW]], %[[J16]]], write, locality<3>, data
// CHECK-COUNT-12: memref.prefetch
// CHECK:   %[[NEXT15:.*]] = arith.addi %[[R]], %[[R15]]
// CHECK:   %[[ROW15:.*]] = arith.minsi %[[NEXT15]], %[[LAST]]
// CHECK:   memref.prefetch %[[C]][%[[ROW15]], %[[J]]], write
// CHECK:   memref.prefetch %[[C]][%[[ROW15]], %{{.*}}], write
// CHECK-NOT: memref.prefetch
// CHECK:   scf.for {{.*}} iter_args
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @next_accumulators(%c: memref<256x32xf32, strided<[2048, 1], offset: ?>>,
                             %panel: memref<256x32xf32>, %a: memref<256x256xf32>,
                             %j: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant 0.0 : f32
  scf.for %r = %c0 to %c256 step %c8 {
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

// -----

// Left alone: accumulators that start from constants (zeros), from a tile
// whose rows do not move with the loop around, and from a read at an
// offset inside the tile.
// CHECK-LABEL: func.func @accumulators_left_alone
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @accumulators_left_alone(%c: memref<256x32xf32>, %panel: memref<256x32xf32>,
                                   %a: memref<256x256xf32>, %i: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant 0.0 : f32
  %zeros = arith.constant dense<0.0> : vector<8x32xf32>
  scf.for %r = %c0 to %c256 step %c8 {
    %fixed = memref.subview %c[%i, 0] [8, 32] [1, 1] : memref<256x32xf32> to memref<8x32xf32, strided<[32, 1], offset: ?>>
    %moving = memref.subview %c[%r, 0] [8, 32] [1, 1] : memref<256x32xf32> to memref<8x32xf32, strided<[32, 1], offset: ?>>
    %from_fixed = vector.transfer_read %fixed[%c0, %c0], %zero {in_bounds = [true, true]} : memref<8x32xf32, strided<[32, 1], offset: ?>>, vector<8x32xf32>
    %inside = vector.transfer_read %moving[%c1, %c0], %zero {in_bounds = [false, true]} : memref<8x32xf32, strided<[32, 1], offset: ?>>, vector<8x32xf32>
    %s:3 = scf.for %k = %c0 to %c256 step %c1 iter_args(%a0 = %zeros, %a1 = %from_fixed, %a2 = %inside) -> (vector<8x32xf32>, vector<8x32xf32>, vector<8x32xf32>) {
      %x = vector.transfer_read %a[%r, %k], %zero {in_bounds = [true, true]} : memref<256x256xf32>, vector<8x1xf32>
      %y = vector.transfer_read %panel[%k, %c0], %zero {in_bounds = [true, true]} : memref<256x32xf32>, vector<1x32xf32>
      %p = vector.contract {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %a0 : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
      scf.yield %p, %a1, %a2 : vector<8x32xf32>, vector<8x32xf32>, vector<8x32xf32>
    }
    vector.transfer_write %s#0, %moving[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1], offset: ?>>
    vector.transfer_write %s#1, %fixed[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1], offset: ?>>
    vector.transfer_write %s#2, %moving[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1], offset: ?>>
  }
  return
}
