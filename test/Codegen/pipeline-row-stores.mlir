// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-pipeline-row-stores{min-bytes=1024},canonicalize))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-pipeline-row-stores,canonicalize))" | FileCheck %s --check-prefix=LARGE
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-pipeline-row-stores{min-bytes=1024 l1-cache-bytes=65536},canonicalize))" | FileCheck %s --check-prefix=L1

// A row group of 40 rows: exponentials into a row buffer and their sum
// (the host loop, 64 columns per step), then the row stored one line per
// step from the buffer and the sum. Blocks of 16 rows (3 blocks, the last
// of 8): each block computes its first row, then for each later row r
// computes row r while its host loop stores row r - 1's 4 lines (columns
// c, c + 16, c + 32, c + 48) non-temporally from the other buffer and the
// sum carried from row r - 1; then the block's last row is stored, and a
// store fence. An output whose address is not a multiple of 64 keeps the
// loop. Below min-bytes (4 MiB by default), nothing changes.
// CHECK-LABEL: func.func @row_group
// CHECK-SAME: %[[X:[a-z0-9]+]]: memref<40x1024xf32>, %[[OUT:[a-z0-9]+]]: memref<40x1024xf32> {bufferize.result}
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C40:.*]] = arith.constant 40 : index
// CHECK-DAG: %[[C48:.*]] = arith.constant 48 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[C1024:.*]] = arith.constant 1024 : index
// CHECK: %[[PTR:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK: %[[MIS:.*]] = arith.remui %[[PTR]], %[[C64]]
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[MIS]], %[[C0]]
// CHECK: scf.if %[[OK]] {
// CHECK:   scf.parallel (%[[B:.*]]) = (%[[C0]]) to (%[[C3]]) step (%[[C1]]) {
// CHECK:     %[[FIRST:.*]] = arith.muli %[[B]], %[[C16]]
// CHECK:     %[[END:.*]] = arith.addi %[[FIRST]], %[[C16]]
// CHECK:     %[[LAST:.*]] = arith.minsi %[[END]], %[[C40]]
// CHECK:     %[[BUFA:.*]] = memref.alloca() : memref<1x1024xf32>
// CHECK:     %[[BUFB:.*]] = memref.alloca() : memref<1x1024xf32>
// First row of the block, into buffer A.
// CHECK:     %[[SUM0:.*]] = scf.for %[[C:.*]] = %[[C0]] to %[[C1024]] step %[[C64]]
// CHECK:       vector.transfer_read %[[X]][%[[FIRST]], %[[C]]]
// CHECK:       vector.transfer_write %{{.*}}, %[[BUFA]][%[[C0]], %[[C]]]
// CHECK:     %[[S0:.*]] = vector.reduction <add>, %[[SUM0]]
// CHECK:     %[[NEXT:.*]] = arith.addi %[[FIRST]], %[[C1]]
// CHECK:     %[[LOOP:.*]]:3 = scf.for %[[R:.*]] = %[[NEXT]] to %[[LAST]] step %[[C1]]
// CHECK-SAME:    iter_args(%[[CUR:.*]] = %[[BUFB]], %[[PREV:.*]] = %[[BUFA]], %[[PS:.*]] = %[[S0]])
// CHECK:       %[[RP:.*]] = arith.subi %[[R]], %[[C1]]
// CHECK:       %[[PROW:.*]] = memref.subview %[[OUT]][%[[RP]], 0] [1, 1024]
// CHECK:       %[[SUM:.*]] = scf.for %[[C:.*]] = %[[C0]] to %[[C1024]] step %[[C64]]
// CHECK:         vector.transfer_read %[[X]][%[[R]], %[[C]]]
// CHECK:         vector.transfer_write %{{.*}}, %[[CUR]][%[[C0]], %[[C]]]
// CHECK:         vector.transfer_read %[[PREV]][%[[C0]], %[[C]]]
// CHECK:         vector.broadcast %[[PS]]
// CHECK:         vector.store %{{.*}}, %[[PROW]][%[[C0]], %[[C]]] {alignment = 64 : i64, nontemporal = true}
// CHECK:         %[[C_16:.*]] = arith.addi %[[C]], %[[C16]]
// CHECK:         vector.transfer_read %[[PREV]][%[[C0]], %[[C_16]]]
// CHECK:         vector.store %{{.*}}, %[[PROW]][%[[C0]], %[[C_16]]] {alignment = 64 : i64, nontemporal = true}
// CHECK:         %[[C_32:.*]] = arith.addi %[[C]], %[[C32]]
// CHECK:         vector.store %{{.*}}, %[[PROW]][%[[C0]], %[[C_32]]] {alignment = 64 : i64, nontemporal = true}
// CHECK:         %[[C_48:.*]] = arith.addi %[[C]], %[[C48]]
// CHECK:         vector.store %{{.*}}, %[[PROW]][%[[C0]], %[[C_48]]] {alignment = 64 : i64, nontemporal = true}
// CHECK-NEXT:    scf.yield
// CHECK:       %[[S:.*]] = vector.reduction <add>, %[[SUM]]
// CHECK:       scf.yield %[[PREV]], %[[CUR]], %[[S]]
// The block's last row, from the loop's last buffer and sum.
// CHECK:     %[[LR:.*]] = arith.subi %[[LAST]], %[[C1]]
// CHECK:     %[[LROW:.*]] = memref.subview %[[OUT]][%[[LR]], 0] [1, 1024]
// CHECK:     scf.for %[[C:.*]] = %[[C0]] to %[[C1024]] step %[[C16]] {
// CHECK:       vector.transfer_read %[[LOOP]]#1[%[[C0]], %[[C]]]
// CHECK:       vector.broadcast %[[LOOP]]#2
// CHECK:       vector.store %{{.*}}, %[[LROW]][%[[C0]], %[[C]]] {alignment = 64 : i64, nontemporal = true}
// CHECK:     llvm.call_intrinsic "llvm.x86.sse.sfence"
// CHECK: } else {
// CHECK:   scf.parallel (%[[R:.*]]) = (%[[C0]]) to (%[[C40]]) step (%[[C1]]) {
// CHECK:     memref.alloca() : memref<1x1024xf32>
// CHECK:     vector.transfer_write %{{.*}}, %{{.*}}[%[[C0]], %{{.*}}] {in_bounds = [true]} : vector<16xf32>
// CHECK-NOT: vector.store
// LARGE-LABEL: func.func @row_group
// LARGE-NOT: scf.if
// LARGE-NOT: nontemporal
func.func @row_group(%x: memref<40x1024xf32>, %out: memref<40x1024xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c40 = arith.constant 40 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  %zero = arith.constant dense<0.0> : vector<64xf32>
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %buf = memref.alloca() : memref<1x1024xf32>
    %sum = scf.for %c = %c0 to %c1024 step %c64 iter_args(%acc = %zero) -> (vector<64xf32>) {
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

// The host loop reads the output (here, row r's own columns): the stores
// cannot move past it.
// CHECK-LABEL: func.func @host_reads_output
// CHECK-NOT: scf.if
// CHECK-NOT: nontemporal
func.func @host_reads_output(%x: memref<40x1024xf32>, %out: memref<40x1024xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c40 = arith.constant 40 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  %zero = arith.constant dense<0.0> : vector<64xf32>
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %sum = scf.for %c = %c0 to %c1024 step %c64 iter_args(%acc = %zero) -> (vector<64xf32>) {
      %v = vector.transfer_read %out[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<64xf32>
      %a = arith.addf %acc, %v : vector<64xf32>
      scf.yield %a : vector<64xf32>
    }
    %s = vector.reduction <add>, %sum : vector<64xf32> into f32
    %row = memref.subview %out[%r, 0] [1, 1024] [1, 1] : memref<40x1024xf32> to memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    scf.for %c = %c0 to %c1024 step %c16 {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<16xf32>
      %sv = vector.broadcast %s : f32 to vector<16xf32>
      %y = arith.divf %v, %sv : vector<16xf32>
      vector.transfer_write %y, %row[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    }
    scf.reduce
  }
  return
}

// -----

// The store reads %scratch, which the row group also writes and which is
// not a buffer of its own: two rows in flight would share it.
// CHECK-LABEL: func.func @shared_scratch
// CHECK-NOT: scf.if
// CHECK-NOT: nontemporal
func.func @shared_scratch(%x: memref<40x1024xf32>, %scratch: memref<1x1024xf32>, %out: memref<40x1024xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c40 = arith.constant 40 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    scf.for %c = %c0 to %c1024 step %c64 {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<64xf32>
      vector.transfer_write %v, %scratch[%c0, %c] {in_bounds = [true]} : vector<64xf32>, memref<1x1024xf32>
    }
    %row = memref.subview %out[%r, 0] [1, 1024] [1, 1] : memref<40x1024xf32> to memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    scf.for %c = %c0 to %c1024 step %c16 {
      %v = vector.transfer_read %scratch[%c0, %c], %pad {in_bounds = [true]} : memref<1x1024xf32>, vector<16xf32>
      vector.transfer_write %v, %row[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x1024xf32, strided<[1024, 1], offset: ?>>
    }
    scf.reduce
  }
  return
}

// -----

// Rows of 128 f32 (512 bytes, under min-row-bytes): plain stores, left to
// nn-stream-stores (which also leaves them).
// CHECK-LABEL: func.func @short_rows
// CHECK-NOT: scf.if
// CHECK-NOT: nontemporal
// CHECK: return
func.func @short_rows(%x: memref<40x128xf32>, %out: memref<40x128xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c40 = arith.constant 40 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %zero = arith.constant dense<0.0> : vector<64xf32>
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %buf = memref.alloca() : memref<1x128xf32>
    %sum = scf.for %c = %c0 to %c128 step %c64 iter_args(%acc = %zero) -> (vector<64xf32>) {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x128xf32>, vector<64xf32>
      %e = math.exp %v : vector<64xf32>
      vector.transfer_write %e, %buf[%c0, %c] {in_bounds = [true]} : vector<64xf32>, memref<1x128xf32>
      %a = arith.addf %acc, %e : vector<64xf32>
      scf.yield %a : vector<64xf32>
    }
    %s = vector.reduction <add>, %sum : vector<64xf32> into f32
    scf.for %c = %c0 to %c128 step %c16 {
      %e = vector.transfer_read %buf[%c0, %c], %pad {in_bounds = [true]} : memref<1x128xf32>, vector<16xf32>
      %sv = vector.broadcast %s : f32 to vector<16xf32>
      %y = arith.divf %e, %sv : vector<16xf32>
      vector.transfer_write %y, %out[%r, %c] {in_bounds = [true]} : vector<16xf32>, memref<40x128xf32>
    }
    scf.reduce
  }
  return
}

// -----

// A host loop without math functions (a layer_norm's variance over rows of
// 4096) reads 16 KiB per row and the store 48 KiB (the row, scale and
// offset): 64 KiB, past the default L1 of 48 KiB, so the stores stay where
// they are; with an L1 of 64 KiB the store moves into the host.
// CHECK-LABEL: func.func @light_host
// CHECK-NOT: scf.if
// CHECK-NOT: nontemporal
// CHECK: return
// L1-LABEL: func.func @light_host
// L1: scf.if
// L1: scf.for {{.*}} iter_args
// L1: vector.store {{.*}}nontemporal = true
func.func @light_host(%x: memref<40x4096xf32>, %g: memref<4096xf32>, %b: memref<4096xf32>, %out: memref<40x4096xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c40 = arith.constant 40 : index
  %c64 = arith.constant 64 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant dense<0.0> : vector<64xf32>
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %sum = scf.for %c = %c0 to %c4096 step %c64 iter_args(%acc = %zero) -> (vector<64xf32>) {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x4096xf32>, vector<64xf32>
      %sq = arith.mulf %v, %v : vector<64xf32>
      %a = arith.addf %acc, %sq : vector<64xf32>
      scf.yield %a : vector<64xf32>
    }
    %s = vector.reduction <add>, %sum : vector<64xf32> into f32
    scf.for %c = %c0 to %c4096 step %c16 {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x4096xf32>, vector<16xf32>
      %gv = vector.transfer_read %g[%c], %pad {in_bounds = [true]} : memref<4096xf32>, vector<16xf32>
      %bv = vector.transfer_read %b[%c], %pad {in_bounds = [true]} : memref<4096xf32>, vector<16xf32>
      %sv = vector.broadcast %s : f32 to vector<16xf32>
      %y = arith.mulf %v, %sv : vector<16xf32>
      %z = arith.mulf %y, %gv : vector<16xf32>
      %w = arith.addf %z, %bv : vector<16xf32>
      vector.transfer_write %w, %out[%r, %c] {in_bounds = [true]} : vector<16xf32>, memref<40x4096xf32>
    }
    scf.reduce
  }
  return
}

// -----

// The store prefetches row r + 1 (nn-prefetch-rows computes its index at
// the start of the row's body). Moved into row r's host loop, it keeps
// prefetching the row after the one being computed, r + 1, not row r - 1's
// next row, which is r itself.
// CHECK-LABEL: func.func @moved_prefetch
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C39:.*]] = arith.constant 39 : index
// CHECK: scf.for %[[R:[a-z0-9]+]] = {{.*}} iter_args
// CHECK:   %[[NEXT:.*]] = arith.addi %[[R]], %[[C1]]
// CHECK:   %[[AHEAD:.*]] = arith.minsi %[[NEXT]], %[[C39]]
// CHECK:   scf.for %[[C:[a-z0-9]+]] =
// CHECK:     math.exp
// CHECK:     memref.prefetch %{{.*}}[%[[AHEAD]], %[[C]]]
// CHECK:     vector.store {{.*}}nontemporal = true
func.func @moved_prefetch(%x: memref<40x1024xf32>, %out: memref<40x1024xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c39 = arith.constant 39 : index
  %c40 = arith.constant 40 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  %zero = arith.constant dense<0.0> : vector<64xf32>
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %next = arith.addi %r, %c1 : index
    %ahead = arith.minsi %next, %c39 : index
    %buf = memref.alloca() : memref<1x1024xf32>
    %sum = scf.for %c = %c0 to %c1024 step %c64 iter_args(%acc = %zero) -> (vector<64xf32>) {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<64xf32>
      %e = math.exp %v : vector<64xf32>
      vector.transfer_write %e, %buf[%c0, %c] {in_bounds = [true]} : vector<64xf32>, memref<1x1024xf32>
      %a = arith.addf %acc, %e : vector<64xf32>
      scf.yield %a : vector<64xf32>
    }
    %s = vector.reduction <add>, %sum : vector<64xf32> into f32
    scf.for %c = %c0 to %c1024 step %c16 {
      memref.prefetch %x[%ahead, %c], read, locality<1>, data : memref<40x1024xf32>
      %e = vector.transfer_read %buf[%c0, %c], %pad {in_bounds = [true]} : memref<1x1024xf32>, vector<16xf32>
      %sv = vector.broadcast %s : f32 to vector<16xf32>
      %y = arith.divf %e, %sv : vector<16xf32>
      vector.transfer_write %y, %out[%r, %c] {in_bounds = [true]} : vector<16xf32>, memref<40x1024xf32>
    }
    scf.reduce
  }
  return
}

// -----

// Rows 1032 floats apart (4128 bytes, half a line past a whole number):
// row 1's lines do not start on cache lines even where the output does, so
// no line can be stored with an aligned non-temporal store.
// CHECK-LABEL: func.func @rows_off_lines
// CHECK-NOT: scf.if
// CHECK-NOT: nontemporal
// CHECK: return
func.func @rows_off_lines(%x: memref<40x1024xf32>, %out: memref<40x1032xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c40 = arith.constant 40 : index
  %c64 = arith.constant 64 : index
  %c1024 = arith.constant 1024 : index
  %zero = arith.constant dense<0.0> : vector<64xf32>
  %pad = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c40) step (%c1) {
    %buf = memref.alloca() : memref<1x1024xf32>
    %sum = scf.for %c = %c0 to %c1024 step %c64 iter_args(%acc = %zero) -> (vector<64xf32>) {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<40x1024xf32>, vector<64xf32>
      %e = math.exp %v : vector<64xf32>
      vector.transfer_write %e, %buf[%c0, %c] {in_bounds = [true]} : vector<64xf32>, memref<1x1024xf32>
      %a = arith.addf %acc, %e : vector<64xf32>
      scf.yield %a : vector<64xf32>
    }
    %s = vector.reduction <add>, %sum : vector<64xf32> into f32
    scf.for %c = %c0 to %c1024 step %c16 {
      %e = vector.transfer_read %buf[%c0, %c], %pad {in_bounds = [true]} : memref<1x1024xf32>, vector<16xf32>
      %sv = vector.broadcast %s : f32 to vector<16xf32>
      %y = arith.divf %e, %sv : vector<16xf32>
      vector.transfer_write %y, %out[%r, %c] {in_bounds = [true]} : vector<16xf32>, memref<40x1032xf32>
    }
    scf.reduce
  }
  return
}
