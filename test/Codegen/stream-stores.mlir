// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-stream-stores,canonicalize))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-stream-stores{min-bytes=1024},canonicalize))" | FileCheck %s --check-prefix=SMALL

// A row group's last loop (a softmax's division) stores row %r of a 16 MiB
// output one 64-byte line per iteration. Row %r starts at byte
// 4 * 4096 * %r of %out: its first aligned line is (64 - a mod 64) mod 64 / 4
// columns in. Where that is not 0, column 0 and column 4080 keep plain
// stores; the columns from the first aligned line to 4080 (upper bound
// 4096 - 16 + 1) store lines non-temporally, then a store fence. A row whose
// address is not a multiple of 4 keeps the loop.
// CHECK-LABEL: func.func @row_group
// CHECK-SAME: %[[X:[a-z0-9]+]]: memref<1024x4096xf32>, %[[OUT:[a-z0-9]+]]: memref<1024x4096xf32> {bufferize.result}
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[C4080:.*]] = arith.constant 4080 : index
// CHECK-DAG: %[[C4081:.*]] = arith.constant 4081 : index
// CHECK-DAG: %[[C4096:.*]] = arith.constant 4096 : index
// CHECK-DAG: %[[C16384:.*]] = arith.constant 16384 : index
// CHECK: scf.parallel (%[[R:.*]]) =
// CHECK:   %[[ROW:.*]] = memref.subview %[[OUT]][%[[R]], 0] [1, 4096]
// CHECK:   %[[PTR:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK:   %[[BYTES:.*]] = arith.muli %[[R]], %[[C16384]]
// CHECK:   %[[ADDR:.*]] = arith.addi %[[PTR]], %[[BYTES]]
// CHECK:   %[[MIS:.*]] = arith.remui %[[ADDR]], %[[C64]]
// CHECK:   %[[ODD:.*]] = arith.remui %[[MIS]], %[[C4]]
// CHECK:   %[[OK:.*]] = arith.cmpi eq, %[[ODD]], %[[C0]]
// CHECK:   scf.if %[[OK]] {
// CHECK:     %[[GAP:.*]] = arith.subi %[[C64]], %[[MIS]]
// CHECK:     %[[GAPL:.*]] = arith.remui %[[GAP]], %[[C64]]
// CHECK:     %[[HEAD:.*]] = arith.divui %[[GAPL]], %[[C4]]
// CHECK:     %[[UNALIGNED:.*]] = arith.cmpi ne, %[[HEAD]], %[[C0]]
// CHECK:     scf.if %[[UNALIGNED]] {
// CHECK:       %[[FIRST:.*]] = memref.subview %[[ROW]][0, 0] [1, 16]
// CHECK:       vector.transfer_read %[[X]][%[[R]], %[[C0]]]
// CHECK:       vector.transfer_write %{{.*}}, %[[FIRST]][%[[C0]], %[[C0]]]
// CHECK:     }
// CHECK:     scf.for %[[J:.*]] = %[[HEAD]] to %[[C4081]] step %[[C16]] {
// CHECK:       %[[LINE:.*]] = memref.subview %[[ROW]][0, %[[J]]] [1, 16]
// CHECK:       vector.transfer_read %[[X]][%[[R]], %[[J]]]
// CHECK:       arith.divf
// CHECK:       vector.store %{{.*}}, %[[LINE]][%[[C0]], %[[C0]]] {alignment = 64 : i64, nontemporal = true}
// CHECK:     }
// CHECK:     scf.if %[[UNALIGNED]] {
// CHECK:       %[[LAST:.*]] = memref.subview %[[ROW]][0, 4080] [1, 16]
// CHECK:       vector.transfer_read %[[X]][%[[R]], %[[C4080]]]
// CHECK:       vector.transfer_write %{{.*}}, %[[LAST]][%[[C0]], %[[C0]]]
// CHECK:     }
// CHECK:     llvm.call_intrinsic "llvm.x86.sse.sfence"()
// CHECK:   } else {
// CHECK:     scf.for %{{.*}} = %[[C0]] to %[[C4096]] step %[[C16]] {
// CHECK:       vector.transfer_write
// CHECK-NOT:   vector.store
// CHECK:     }
// CHECK:   }
func.func @row_group(%x: memref<1024x4096xf32>, %out: memref<1024x4096xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c1024 = arith.constant 1024 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  %two = arith.constant dense<2.0> : vector<16xf32>
  scf.parallel (%r) = (%c0) to (%c1024) step (%c1) {
    %row = memref.subview %out[%r, 0] [1, 4096] [1, 1] : memref<1024x4096xf32> to memref<1x4096xf32, strided<[4096, 1], offset: ?>>
    scf.for %j = %c0 to %c4096 step %c16 {
      %line = memref.subview %row[0, %j] [1, 16] [1, 1] : memref<1x4096xf32, strided<[4096, 1], offset: ?>> to memref<1x16xf32, strided<[4096, 1], offset: ?>>
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<1024x4096xf32>, vector<16xf32>
      %d = arith.divf %v, %two : vector<16xf32>
      vector.transfer_write %d, %line[%c0, %c0] {in_bounds = [true]} : vector<16xf32>, memref<1x16xf32, strided<[4096, 1], offset: ?>>
    }
    scf.reduce
  }
  return
}

// -----

// Rows of 128 f32 (512 bytes, under min-row-bytes) keep plain stores: the
// fence after each row would wait for its 8 lines to reach memory.
// CHECK-LABEL: func.func @short_rows
// CHECK-NOT: nontemporal
// CHECK: return
func.func @short_rows(%x: memref<32768x128xf32>, %out: memref<32768x128xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c128 = arith.constant 128 : index
  %c32768 = arith.constant 32768 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%r) = (%c0) to (%c32768) step (%c1) {
    scf.for %j = %c0 to %c128 step %c16 {
      %v = vector.transfer_read %x[%r, %j], %zero {in_bounds = [true]} : memref<32768x128xf32>, vector<16xf32>
      %e = math.exp %v : vector<16xf32>
      vector.transfer_write %e, %out[%r, %j] {in_bounds = [true]} : vector<16xf32>, memref<32768x128xf32>
    }
    scf.reduce
  }
  return
}

// -----

// A 256 KiB output stays in cache for its consumer: plain stores, unless
// min-bytes says otherwise. Indices straight on the output (no subviews):
// row 3's address is the pointer plus 3 * 4096 * 4 bytes.
// CHECK-LABEL: func.func @small_output
// CHECK-NOT: nontemporal
// CHECK: return
// SMALL-LABEL: func.func @small_output
// SMALL-DAG: %[[C49152:.*]] = arith.constant 49152 : index
// SMALL: %[[PTR:.*]] = memref.extract_aligned_pointer_as_index
// SMALL: arith.addi %[[PTR]], %[[C49152]]
// SMALL: vector.store {{.*}} {alignment = 64 : i64, nontemporal = true}
func.func @small_output(%x: memref<16x4096xf32>, %out: memref<16x4096xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %c16 = arith.constant 16 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  scf.for %j = %c0 to %c4096 step %c16 {
    %v = vector.transfer_read %x[%c3, %j], %zero {in_bounds = [true]} : memref<16x4096xf32>, vector<16xf32>
    %e = math.exp %v : vector<16xf32>
    vector.transfer_write %e, %out[%c3, %j] {in_bounds = [true]} : vector<16xf32>, memref<16x4096xf32>
  }
  return
}

// -----

// Left alone: a loop that reads the output (an in-place update: the
// overlapping lines would be updated twice), one that carries a value, one
// whose store is half a line, one that stores into an input, and any loop
// of a private function.
// SMALL-LABEL: func.func @left_alone
// SMALL-NOT: nontemporal
// SMALL-NOT: scf.if
// SMALL: return
// SMALL-LABEL: func.func private @private_output
// SMALL-NOT: nontemporal
// SMALL: return
func.func @left_alone(%x: memref<64x4096xf32>,
                      %out: memref<64x4096xf32> {bufferize.result},
                      %out2: memref<64x4096xf32> {bufferize.result}) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  scf.for %j = %c0 to %c4096 step %c16 {
    %v = vector.transfer_read %out[%c1, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
    %e = math.exp %v : vector<16xf32>
    vector.transfer_write %e, %out[%c1, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
  }
  %sum = scf.for %j = %c0 to %c4096 step %c16 iter_args(%acc = %init) -> (vector<16xf32>) {
    %v = vector.transfer_read %x[%c1, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
    %a = arith.addf %acc, %v : vector<16xf32>
    vector.transfer_write %a, %out[%c1, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
    scf.yield %a : vector<16xf32>
  }
  scf.for %j = %c0 to %c4096 step %c8 {
    %v = vector.transfer_read %x[%c1, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<8xf32>
    vector.transfer_write %v, %out2[%c1, %j] {in_bounds = [true]} : vector<8xf32>, memref<64x4096xf32>
  }
  scf.for %j = %c0 to %c4096 step %c16 {
    %v = vector.transfer_read %out2[%c1, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
    vector.transfer_write %v, %x[%c1, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
  }
  return %sum : vector<16xf32>
}

func.func private @private_output(%x: memref<64x4096xf32>, %out: memref<64x4096xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  scf.for %j = %c0 to %c4096 step %c16 {
    %v = vector.transfer_read %x[%c1, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
    vector.transfer_write %v, %out[%c1, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
  }
  return
}

// -----

// Loops a shifted iteration would change (one that sees the column itself,
// an iota; one that reads a column of a transposed input) stream only rows
// that start on a cache line: every iteration then stores an aligned line.
// Other rows keep the loop.
// SMALL-LABEL: func.func @sees_column
// SMALL-DAG: %[[C0:.*]] = arith.constant 0 : index
// SMALL-DAG: %[[C16:.*]] = arith.constant 16 : index
// SMALL-DAG: %[[C64:.*]] = arith.constant 64 : index
// SMALL-DAG: %[[C4096:.*]] = arith.constant 4096 : index
// SMALL-DAG: %[[C16384:.*]] = arith.constant 16384 : index
// SMALL: %[[PTR:.*]] = memref.extract_aligned_pointer_as_index %{{.*}}
// SMALL: %[[ADDR:.*]] = arith.addi %[[PTR]], %[[C16384]]
// SMALL: %[[MIS:.*]] = arith.remui %[[ADDR]], %[[C64]]
// SMALL: %[[OK:.*]] = arith.cmpi eq, %[[MIS]], %[[C0]]
// SMALL: scf.if %[[OK]] {
// SMALL-NEXT: scf.for %[[J:.*]] = %[[C0]] to %[[C4096]] step %[[C16]] {
// SMALL:   arith.sitofp
// SMALL:   vector.store %{{.*}}[%[[C1:.*]], %[[J]]] {alignment = 64 : i64, nontemporal = true}
// SMALL: }
// SMALL-NEXT: llvm.call_intrinsic "llvm.x86.sse.sfence"()
// SMALL: } else {
// SMALL-NEXT: scf.for %{{.*}} = %[[C0]] to %[[C4096]] step %[[C16]] {
// SMALL:   vector.transfer_write
// SMALL: scf.if
// SMALL:   scf.for %{{.*}} = %[[C0]] to %[[C4096]] step %[[C16]] {
// SMALL:     vector.transfer_read %{{.*}} {in_bounds = [true], permutation_map =
// SMALL:     vector.store {{.*}} {alignment = 64 : i64, nontemporal = true}
// SMALL: return
func.func @sees_column(%t: memref<4096x64xf32>,
                       %out: memref<64x4096xf32> {bufferize.result},
                       %out2: memref<64x4096xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  scf.for %j = %c0 to %c4096 step %c16 {
    %i = arith.index_cast %j : index to i32
    %f = arith.sitofp %i : i32 to f32
    %v = vector.broadcast %f : f32 to vector<16xf32>
    vector.transfer_write %v, %out[%c1, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
  }
  scf.for %j = %c0 to %c4096 step %c16 {
    %v = vector.transfer_read %t[%j, %c1], %zero {in_bounds = [true], permutation_map = affine_map<(d0, d1) -> (d0)>} : memref<4096x64xf32>, vector<16xf32>
    vector.transfer_write %v, %out2[%c1, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
  }
  return
}

// -----

// A prefetch (nn-prefetch-streams) changes no value: the loop stays
// shiftable, and its first and last iterations keep plain stores.
// SMALL-LABEL: func.func @prefetched
// SMALL: %[[ODD:.*]] = arith.remui %{{.*}}, %{{.*}}
// SMALL: scf.if
// SMALL:   memref.prefetch
// SMALL:   vector.transfer_write
// SMALL:   scf.for
// SMALL:     memref.prefetch
// SMALL:     vector.store {{.*}} {alignment = 64 : i64, nontemporal = true}
// SMALL:   memref.prefetch
// SMALL:   vector.transfer_write
func.func @prefetched(%x: memref<64x4096xf32>, %out: memref<64x4096xf32> {bufferize.result}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c4096 = arith.constant 4096 : index
  %c512 = arith.constant 512 : index
  %zero = arith.constant 0.0 : f32
  scf.for %j = %c0 to %c4096 step %c16 {
    %ahead = arith.addi %j, %c512 : index
    memref.prefetch %x[%c1, %ahead], read, locality<3>, data : memref<64x4096xf32>
    %v = vector.transfer_read %x[%c1, %j], %zero {in_bounds = [true]} : memref<64x4096xf32>, vector<16xf32>
    vector.transfer_write %v, %out[%c1, %j] {in_bounds = [true]} : vector<16xf32>, memref<64x4096xf32>
  }
  return
}
