// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-collapse-parallel-rows,canonicalize))" | FileCheck %s

// A row group over [6, 5, 256] with one row per tile: the loop over (i, j)
// reads x[i, j, c], so it becomes one loop over the 30 rows in order, with
// i = k / 5 and j = k mod 5.
// CHECK-LABEL: func.func @rows_3d
// CHECK-SAME: %[[X:[a-z0-9]+]]: memref<6x5x256xf32>
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C5:.*]] = arith.constant 5 : index
// CHECK-DAG: %[[C30:.*]] = arith.constant 30 : index
// CHECK: scf.parallel (%[[K:.*]]) = (%[[C0]]) to (%[[C30]]) step (%[[C1]]) {
// CHECK-DAG: %[[J:.*]] = arith.remui %[[K]], %[[C5]]
// CHECK-DAG: %[[I:.*]] = arith.divui %[[K]], %[[C5]]
// CHECK: scf.for %[[C:[a-z0-9]+]] =
// CHECK:   vector.transfer_read %[[X]][%[[I]], %[[J]], %[[C]]]
// CHECK: memref.store {{.*}}[%[[I]], %[[J]]]
// CHECK-NOT: scf.parallel
func.func @rows_3d(%x: memref<6x5x256xf32>, %sums: memref<6x5xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c6, %c5) step (%c1, %c1) {
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

// Steps and lower bounds other than 1 and 0 (rows 2, 4 and 6 of each i):
// j = (k mod 3) * 2 + 2.
// CHECK-LABEL: func.func @strided_rows
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG: %[[C12:.*]] = arith.constant 12 : index
// CHECK: scf.parallel (%[[K:.*]]) = (%{{.*}}) to (%[[C12]])
// CHECK: %[[M:.*]] = arith.remui %[[K]], %[[C3]]
// CHECK: %[[S:.*]] = arith.muli %[[M]], %[[C2]]
// CHECK: %[[J:.*]] = arith.addi %[[S]], %[[C2]]
// CHECK: %[[I:.*]] = arith.divui %[[K]], %[[C3]]
// CHECK: vector.transfer_read %{{.*}}[%[[I]], %[[J]], %{{.*}}]
func.func @strided_rows(%x: memref<4x8x256xf32>, %sums: memref<4x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c7 = arith.constant 7 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  scf.parallel (%i, %j) = (%c0, %c2) to (%c4, %c7) step (%c1, %c2) {
    %sum = scf.for %c = %c0 to %c256 step %c16 iter_args(%acc = %init) -> (vector<16xf32>) {
      %v = vector.transfer_read %x[%i, %j, %c], %zero {in_bounds = [true]} : memref<4x8x256xf32>, vector<16xf32>
      %a = arith.addf %acc, %v : vector<16xf32>
      scf.yield %a : vector<16xf32>
    }
    %s = vector.reduction <add>, %sum : vector<16xf32> into f32
    memref.store %s, %sums[%i, %j] : memref<4x8xf32>
    scf.reduce
  }
  return
}

// -----

// Tiles that read blocks rather than rows at the loop's indices (a
// matmul's, or a transposed read x[j, i, c]) stay as they are.
// CHECK-LABEL: func.func @not_rows
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) =
func.func @not_rows(%x: memref<6x6x256xf32>, %sums: memref<6x6xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c6 = arith.constant 6 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c6, %c6) step (%c1, %c1) {
    %sum = scf.for %c = %c0 to %c256 step %c16 iter_args(%acc = %init) -> (vector<16xf32>) {
      %v = vector.transfer_read %x[%j, %i, %c], %zero {in_bounds = [true]} : memref<6x6x256xf32>, vector<16xf32>
      %a = arith.addf %acc, %v : vector<16xf32>
      scf.yield %a : vector<16xf32>
    }
    %s = vector.reduction <add>, %sum : vector<16xf32> into f32
    memref.store %s, %sums[%i, %j] : memref<6x6xf32>
    scf.reduce
  }
  return
}
