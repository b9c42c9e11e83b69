// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-prefetch-rows,canonicalize))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-prefetch-rows{rows-ahead=4},canonicalize))" | FileCheck %s --check-prefix=FOUR
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-prefetch-rows{share-among-passes=false},canonicalize))" | FileCheck %s --check-prefix=FIRST

// A softmax-like row group: the first loop reads row %r of %x (and waits on
// memory), the second reads it again: only the second prefetches, rows
// %r + 1 (at most row 63) into L2 (locality 1), one prefetch per 64-byte line
// of each 32-lane read (columns j and j + 16).
// CHECK-LABEL: func.func @row_group
// CHECK-SAME: %[[X:[a-z0-9]+]]: memref<64x4096xf32>
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C63:.*]] = arith.constant 63 : index
// CHECK: scf.parallel (%[[R:.*]]) =
// CHECK:   %[[NEXT:.*]] = arith.addi %[[R]], %[[C1]]
// CHECK:   %[[ROW:.*]] = arith.minsi %[[NEXT]], %[[C63]]
// CHECK:   scf.for
// CHECK-NOT: memref.prefetch
// CHECK:     vector.transfer_read %[[X]]
// CHECK:   scf.for %[[J:.*]] =
// CHECK:     memref.prefetch %[[X]][%[[ROW]], %[[J]]], read, locality<1>, data
// CHECK:     %[[J16:.*]] = arith.addi %[[J]], %[[C16]]
// CHECK:     memref.prefetch %[[X]][%[[ROW]], %[[J16]]], read, locality<1>, data
// CHECK:     vector.transfer_read %[[X]][%[[R]], %[[J]]]
// CHECK:     math.exp
// FOUR-LABEL: func.func @row_group
// FOUR: arith.constant 4 : index
// FOUR: memref.prefetch
func.func @row_group(%x: memref<64x4096xf32>, %out: memref<64x4096xf32>, %sums: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<32xf32>
  scf.parallel (%r) = (%c0) to (%c64) step (%c1) {
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

// layer_norm's passes: the mean's loop waits on memory; the variance's and
// the normalizing pass both read the row again, so each prefetches half of
// row %r + 1: the variance's loop, at column j, the line of column j / 2, the
// normalizing loop that of column j / 2 + 2048 (the read is 64 bytes, so its
// 32-byte share is one prefetch). Nor a loop over rows that is not parallel.
// With share-among-passes=false the variance's loop prefetches the whole row
// and the normalizing pass nothing.
// CHECK-LABEL: func.func @later_passes
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[C2048:.*]] = arith.constant 2048 : index
// CHECK: scf.parallel
// CHECK:   scf.for
// CHECK-NOT: memref.prefetch
// CHECK:   scf.for %[[J:[a-z0-9]+]] =
// CHECK:     %[[HALF:.*]] = arith.divui %[[J]], %[[C2]]
// CHECK:     memref.prefetch %{{.*}}[%{{.*}}, %[[HALF]]], read, locality<1>, data
// CHECK-NOT: memref.prefetch
// CHECK:     arith.subf
// CHECK:   scf.for %[[J2:[a-z0-9]+]] =
// CHECK:     %[[HALF2:.*]] = arith.divui %[[J2]], %[[C2]]
// CHECK:     %[[SECOND:.*]] = arith.addi %[[HALF2]], %[[C2048]]
// CHECK:     memref.prefetch %{{.*}}[%{{.*}}, %[[SECOND]]], read, locality<1>, data
// CHECK-NOT: memref.prefetch
// CHECK:     arith.mulf
// CHECK:   scf.reduce
// CHECK-NOT: memref.prefetch
// CHECK: return
// FIRST-LABEL: func.func @later_passes
// FIRST: scf.parallel
// FIRST:   scf.for
// FIRST-NOT: memref.prefetch
// FIRST:   scf.for %[[J:[a-z0-9]+]] =
// FIRST-NOT: arith.divui
// FIRST:     memref.prefetch %{{.*}}[%{{.*}}, %[[J]]], read, locality<1>, data
// FIRST:     arith.subf
// FIRST:   scf.for
// FIRST-NOT: memref.prefetch
// FIRST:   scf.reduce
func.func @later_passes(%x: memref<64x4096xf32>, %out: memref<64x4096xf32>, %means: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c64) step (%c1) {
    %m = memref.load %means[%r] : memref<64xf32>
    %mv = vector.broadcast %m : f32 to vector<16xf32>
    scf.for %j = %c0 to %c4096 step %c16 {
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
      vector.transfer_write %v, %out[%r, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
    }
    scf.for %j = %c0 to %c4096 step %c16 {
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
      %d = arith.subf %v, %mv : vector<16xf32>
      vector.transfer_write %d, %out[%r, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
    }
    scf.for %j = %c0 to %c4096 step %c16 {
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
      %d = arith.mulf %v, %mv : vector<16xf32>
      vector.transfer_write %d, %out[%r, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
    }
    scf.reduce
  }
  scf.for %r = %c0 to %c64 step %c1 {
    scf.for %j = %c0 to %c4096 step %c16 {
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
      vector.transfer_write %v, %out[%r, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
    }
    scf.for %j = %c0 to %c4096 step %c16 {
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
      %e = math.exp %v : vector<16xf32>
      vector.transfer_write %e, %out[%r, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
    }
  }
  return
}

// -----

// Rows numbered across two dims (nn-collapse-parallel-rows): x[k / 5, k mod
// 5, c]. The row ahead is k + 1 (at most 29), its indices the same
// quotient and remainder of it, computed once at the start of the body.
// CHECK-LABEL: func.func @collapsed_rows
// CHECK-SAME: %[[X:[a-z0-9]+]]: memref<6x5x4096xf32>
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : index
// CHECK-DAG: %[[C29:.*]] = arith.constant 29 : index
// CHECK: scf.parallel (%[[K:.*]]) =
// CHECK:   %[[NEXT:.*]] = arith.addi %[[K]], %[[C1]]
// CHECK:   %[[AHEAD:.*]] = arith.minsi %[[NEXT]], %[[C29]]
// CHECK-DAG: %[[AI:.*]] = arith.divui %[[AHEAD]], %[[C5]]
// CHECK-DAG: %[[AJ:.*]] = arith.remui %[[AHEAD]], %[[C5]]
// CHECK:   scf.for
// CHECK:   scf.for %[[J:[a-z0-9]+]] =
// CHECK:     memref.prefetch %[[X]][%[[AI]], %[[AJ]], %[[J]]], read, locality<1>, data
func.func @collapsed_rows(%x: memref<6x5x4096xf32>, %out: memref<6x5x4096xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %c16 = arith.constant 16 : index
  %c30 = arith.constant 30 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  scf.parallel (%k) = (%c0) to (%c30) step (%c1) {
    %j = arith.remui %k, %c5 : index
    %i = arith.divui %k, %c5 : index
    %sum = scf.for %c = %c0 to %c4096 step %c16 iter_args(%acc = %init) -> (vector<16xf32>) {
      %v = vector.transfer_read %x[%i, %j, %c], %zero {in_bounds = [true]} : memref<6x5x4096xf32>, vector<16xf32>
      %a = arith.addf %acc, %v : vector<16xf32>
      scf.yield %a : vector<16xf32>
    }
    %s = vector.reduction <add>, %sum : vector<16xf32> into f32
    %sv = vector.broadcast %s : f32 to vector<16xf32>
    scf.for %c = %c0 to %c4096 step %c16 {
      %v = vector.transfer_read %x[%i, %j, %c], %zero {in_bounds = [true]} : memref<6x5x4096xf32>, vector<16xf32>
      %e = math.exp %v : vector<16xf32>
      %d = arith.divf %e, %sv : vector<16xf32>
      vector.transfer_write %d, %out[%i, %j, %c] {in_bounds = [true]} : vector<16xf32>, memref<6x5x4096xf32>
    }
    scf.reduce
  }
  return
}
