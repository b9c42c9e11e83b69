// RUN: nn-opt %s --pass-pipeline="builtin.module(func.func(nn-lower-vectors))" | FileCheck %s

// An 8x1x32 contraction becomes eight 32-lane FMAs, one per row of the tile,
// each multiplying a broadcast element of the left column by the right row.
// CHECK-LABEL: func.func @contract_to_fma
// CHECK-NOT: vector.contract
// CHECK-NOT: vector.outerproduct
// CHECK-COUNT-8: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<32xf32>
// CHECK-NOT: vector.fma
func.func @contract_to_fma(%l: vector<8x1xf32>, %r: vector<1x32xf32>, %acc: vector<8x32xf32>) -> vector<8x32xf32> {
  %0 = vector.contract {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>,
                                         affine_map<(d0, d1, d2) -> (d2, d1)>,
                                         affine_map<(d0, d1, d2) -> (d0, d1)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %l, %r, %acc
      : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
  return %0 : vector<8x32xf32>
}

// exp, tanh and erf become polynomials (vectorizable), not libm calls.
// CHECK-LABEL: func.func @transcendentals
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK: return
func.func @transcendentals(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.exp %x : vector<16xf32>
  %1 = math.tanh %0 : vector<16xf32>
  %2 = math.erf %1 : vector<16xf32>
  return %2 : vector<16xf32>
}

// A column write (a permuted map) becomes a minor-identity write of a 3x1
// tile; with the unit-dim patterns in the same set, this used to loop
// forever (the permutation lowering was undone again).
// CHECK-LABEL: func.func @column_transfers
// CHECK: vector.transfer_read %{{.*}} : memref<3x3xf32>, vector<3xf32>
// CHECK: vector.transfer_write %{{.*}} {in_bounds = [true, true]} : vector<3x1xf32>, memref<3x4xf32>
func.func @column_transfers(%a: memref<3x3xf32>, %o: memref<3x4xf32>) {
  %pad = ub.poison : f32
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %column = vector.transfer_read %a[%c0, %c2], %pad {in_bounds = [true], permutation_map = affine_map<(d0, d1) -> (d0)>} : memref<3x3xf32>, vector<3xf32>
  vector.transfer_write %column, %o[%c0, %c2] {in_bounds = [true], permutation_map = affine_map<(d0, d1) -> (d0)>} : vector<3xf32>, memref<3x4xf32>
  return
}

// One row (an M = 1 dense layer): a 1x1 by 1x32 contraction is one 32-lane
// FMA; with the unit-dim patterns in the contraction set this never ended.
// CHECK-LABEL: func.func @single_row
// CHECK: %[[B:.*]] = vector.broadcast %{{.*}} : f32 to vector<32xf32>
// CHECK: vector.fma %{{.*}}, %[[B]], %{{.*}} : vector<32xf32>
// CHECK-NOT: vector.fma
func.func @single_row(%l: vector<1x1xf32>, %r: vector<1x32xf32>, %acc: vector<1x32xf32>) -> vector<1x32xf32> {
  %0 = vector.contract {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>,
                                         affine_map<(d0, d1, d2) -> (d2, d1)>,
                                         affine_map<(d0, d1, d2) -> (d0, d1)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %l, %r, %acc
      : vector<1x1xf32>, vector<1x32xf32> into vector<1x32xf32>
  return %0 : vector<1x32xf32>
}

// exp (f32, vectors and scalars) becomes our range reduction and degree-6
// polynomial: clamps to [-87, 88.8] that keep a NaN (`bound < x ? bound : x`,
// one vminps / vmaxps each), n rounded by adding 1.5 * 2^23 + 126 (0x4B40007E)
// to x log2(e), 2^(n-1) by shifting that sum's bits into the exponent field,
// r = x - n ln 2 in two fmas, Horner's rule, and the final doubling.
// CHECK-LABEL: func.func @exp_polynomial
// CHECK-SAME: (%[[X:.*]]: vector<8xf32>, %[[S:.*]]: f32)
// CHECK-DAG: %[[HI:.*]] = arith.constant dense<8.880000e+01> : vector<8xf32>
// CHECK-DAG: %[[LO:.*]] = arith.constant dense<-8.700000e+01> : vector<8xf32>
// CHECK-DAG: %[[BIAS:.*]] = arith.constant dense<0x4B40007E> : vector<8xf32>
// CHECK-DAG: %[[LOG2E:.*]] = arith.constant dense<1.44269502> : vector<8xf32>
// CHECK-DAG: %[[SHIFT:.*]] = arith.constant dense<23> : vector<8xi32>
// CHECK-DAG: %[[LN2HI:.*]] = arith.constant dense<-0.693145751> : vector<8xf32>
// CHECK-DAG: %[[ONE:.*]] = arith.constant dense<1.000000e+00> : vector<8xf32>
// CHECK: %[[ABOVE:.*]] = arith.cmpf olt, %[[HI]], %[[X]] : vector<8xf32>
// CHECK: %[[X1:.*]] = arith.select %[[ABOVE]], %[[HI]], %[[X]]
// CHECK: %[[BELOW:.*]] = arith.cmpf ogt, %[[LO]], %[[X1]] : vector<8xf32>
// CHECK: %[[X2:.*]] = arith.select %[[BELOW]], %[[LO]], %[[X1]]
// CHECK: %[[BIASED:.*]] = llvm.intr.fma(%[[X2]], %[[LOG2E]], %[[BIAS]])
// CHECK: %[[BITS:.*]] = arith.bitcast %[[BIASED]] : vector<8xf32> to vector<8xi32>
// CHECK: %[[EXPONENT:.*]] = arith.shli %[[BITS]], %[[SHIFT]] : vector<8xi32>
// CHECK: %[[SCALE:.*]] = arith.bitcast %[[EXPONENT]] : vector<8xi32> to vector<8xf32>
// CHECK: %[[N:.*]] = arith.subf %[[BIASED]], %[[BIAS]] : vector<8xf32>
// CHECK: %[[R1:.*]] = llvm.intr.fma(%[[N]], %[[LN2HI]], %[[X2]])
// CHECK: %[[R:.*]] = llvm.intr.fma(%[[N]], %{{.*}}, %[[R1]])
// CHECK-COUNT-4: llvm.intr.fma(%{{.*}}, %[[R]], %{{.*}})
// CHECK: %[[P:.*]] = llvm.intr.fma(%{{.*}}, %[[R]], %[[ONE]])
// CHECK: %[[RS:.*]] = arith.mulf %[[R]], %[[SCALE]] : vector<8xf32>
// CHECK: %[[HALF:.*]] = llvm.intr.fma(%[[RS]], %[[P]], %[[SCALE]])
// CHECK: %[[V:.*]] = arith.addf %[[HALF]], %[[HALF]] : vector<8xf32>
// CHECK: arith.cmpf olt, %{{.*}}, %[[S]] : f32
// CHECK: llvm.intr.fma({{.*}}) : (f32, f32, f32) -> f32
// CHECK: arith.shli %{{.*}} : i32
// CHECK: %[[SV:.*]] = arith.addf %[[SH:.*]], %[[SH]] : f32
// CHECK-NOT: math.
// CHECK: return %[[V]], %[[SV]]
func.func @exp_polynomial(%x: vector<8xf32>, %s: f32) -> (vector<8xf32>, f32) {
  %0 = math.exp %x : vector<8xf32>
  %1 = math.exp %s : f32
  return %0, %1 : vector<8xf32>, f32
}

// math.fma and math.floor become LLVM's vector intrinsics (one instruction
// each), never libm calls per lane; n-D vectors go row by row, since LLVM's
// vectors are 1-D.
// CHECK-LABEL: func.func @fma_floor_intrinsics
// CHECK-NOT: math.fma
// CHECK-NOT: math.floor
// CHECK-NOT: math.sqrt
// CHECK: llvm.intr.floor({{.*}}) : (vector<16xf32>) -> vector<16xf32>
// CHECK: llvm.intr.fma({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// CHECK: %[[ROW:.*]] = vector.extract %{{.*}}[1] : vector<4xf32> from vector<2x4xf32>
// CHECK: llvm.intr.fma(%[[ROW]], {{.*}}) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
// CHECK: llvm.intr.sqrt({{.*}}) : (vector<16xf32>) -> vector<16xf32>
// CHECK-NOT: math.fma
// CHECK-NOT: math.sqrt
func.func @fma_floor_intrinsics(%x: vector<16xf32>, %y: vector<2x4xf32>) -> (vector<16xf32>, vector<2x4xf32>) {
  %0 = math.floor %x : vector<16xf32>
  %1 = math.fma %0, %x, %x : vector<16xf32>
  %2 = math.fma %y, %y, %y : vector<2x4xf32>
  %3 = math.sqrt %1 : vector<16xf32>
  return %3, %2 : vector<16xf32>, vector<2x4xf32>
}

// A register tile's accumulators carried by a loop as one 2-D vector
// become one loop-carried row each; the tile is rebuilt from the rows only
// where a 2-D value is still used (here, the return).
// CHECK-LABEL: func.func @loop_carried_tile
// CHECK-SAME: (%[[INIT:.*]]: vector<2x16xf32>, %[[ROW:.*]]: vector<16xf32>
// CHECK-DAG: %[[INIT0:.*]] = vector.extract %[[INIT]][0] : vector<16xf32> from vector<2x16xf32>
// CHECK-DAG: %[[INIT1:.*]] = vector.extract %[[INIT]][1] : vector<16xf32> from vector<2x16xf32>
// CHECK: %[[ROWS:.*]]:2 = scf.for {{.*}} iter_args(%[[ACC0:.*]] = %[[INIT0]], %[[ACC1:.*]] = %[[INIT1]]) -> (vector<16xf32>, vector<16xf32>)
// CHECK-NOT: vector<2x16xf32>
// CHECK-DAG: %[[NEXT0:.*]] = arith.addf %[[ACC0]], %[[ROW]] : vector<16xf32>
// CHECK-DAG: %[[NEXT1:.*]] = arith.mulf %[[ACC1]], %[[ROW]] : vector<16xf32>
// CHECK: scf.yield %[[NEXT0]], %[[NEXT1]] : vector<16xf32>, vector<16xf32>
// CHECK: %[[T0:.*]] = vector.insert %[[ROWS]]#0, %{{.*}} [0] : vector<16xf32> into vector<2x16xf32>
// CHECK: %[[T1:.*]] = vector.insert %[[ROWS]]#1, %[[T0]] [1] : vector<16xf32> into vector<2x16xf32>
// CHECK: return %[[T1]]
func.func @loop_carried_tile(%init: vector<2x16xf32>, %row: vector<16xf32>, %n: index) -> vector<2x16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %poison = ub.poison : vector<2x16xf32>
  %tile = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> (vector<2x16xf32>) {
    %r0 = vector.extract %acc[0] : vector<16xf32> from vector<2x16xf32>
    %r1 = vector.extract %acc[1] : vector<16xf32> from vector<2x16xf32>
    %s0 = arith.addf %r0, %row : vector<16xf32>
    %s1 = arith.mulf %r1, %row : vector<16xf32>
    %t0 = vector.insert %s0, %poison [0] : vector<16xf32> into vector<2x16xf32>
    %t1 = vector.insert %s1, %t0 [1] : vector<16xf32> into vector<2x16xf32>
    scf.yield %t1 : vector<2x16xf32>
  }
  return %tile : vector<2x16xf32>
}

// -----

// A float sum over 256 lanes (a partial reduction's merge) is a pairwise
// tree: upper half + lower half down to one lane, then the accumulator;
// never 256 chained scalar adds (nor 16 at the end: softmax over rows of 64
// ran 1.6x slower with the last 16 lanes in order). 16 lanes take the same
// tree from 8 down, and so do maxima.
// CHECK-LABEL: func.func @wide_sum
// CHECK-SAME: (%[[V:.*]]: vector<256xf32>, %[[ACC:.*]]: f32)
// CHECK: %[[L128:.*]] = vector.extract_strided_slice %[[V]] {offsets = [0], sizes = [128], strides = [1]}
// CHECK: %[[H128:.*]] = vector.extract_strided_slice %[[V]] {offsets = [128], sizes = [128], strides = [1]}
// CHECK: %[[S128:.*]] = arith.addf %[[L128]], %[[H128]] : vector<128xf32>
// CHECK: arith.addf {{.*}} : vector<64xf32>
// CHECK: arith.addf {{.*}} : vector<32xf32>
// CHECK: arith.addf {{.*}} : vector<16xf32>
// CHECK: arith.addf {{.*}} : vector<8xf32>
// CHECK: arith.addf {{.*}} : vector<4xf32>
// CHECK: %[[S2:.*]] = arith.addf {{.*}} : vector<2xf32>
// CHECK: %[[L1:.*]] = vector.extract_strided_slice %[[S2]] {offsets = [0], sizes = [1], strides = [1]}
// CHECK: %[[H1:.*]] = vector.extract_strided_slice %[[S2]] {offsets = [1], sizes = [1], strides = [1]}
// CHECK: %[[S1:.*]] = arith.addf %[[L1]], %[[H1]] : vector<1xf32>
// CHECK: %[[A:.*]] = vector.broadcast %[[ACC]] : f32 to vector<1xf32>
// CHECK: %[[R:.*]] = arith.addf %[[S1]], %[[A]] : vector<1xf32>
// CHECK: vector.extract %[[R]][0]
// CHECK-NOT: arith.addf
// CHECK-LABEL: func.func @narrow_sum
// CHECK-SAME: (%[[N:.*]]: vector<16xf32>
// CHECK: vector.extract_strided_slice %[[N]] {offsets = [8], sizes = [8], strides = [1]}
// CHECK: arith.addf {{.*}} : vector<8xf32>
// CHECK: arith.addf {{.*}} : vector<4xf32>
// CHECK: arith.addf {{.*}} : vector<2xf32>
// CHECK-COUNT-2: arith.addf {{.*}} : vector<1xf32>
// CHECK-NOT: arith.addf
// CHECK-LABEL: func.func @wide_max
// CHECK-SAME: (%[[W:.*]]: vector<32xf32>
// CHECK: %[[L:.*]] = vector.extract_strided_slice %[[W]] {offsets = [0], sizes = [16], strides = [1]}
// CHECK: %[[H:.*]] = vector.extract_strided_slice %[[W]] {offsets = [16], sizes = [16], strides = [1]}
// CHECK: arith.maximumf %[[L]], %[[H]] : vector<16xf32>
// CHECK: arith.maximumf {{.*}} : vector<8xf32>
// CHECK: arith.maximumf {{.*}} : vector<4xf32>
// CHECK: arith.maximumf {{.*}} : vector<2xf32>
// CHECK-COUNT-2: arith.maximumf {{.*}} : vector<1xf32>
// CHECK-NOT: arith.maximumf
// A 1-D vector.reduction (a short row's variance: its squares and sum
// canonicalize into a dot product) takes the same tree, then the
// accumulator; without one, the tree's lane is the result.
// CHECK-LABEL: func.func @row_reduction
// CHECK-SAME: (%[[D:.*]]: vector<64xf32>, %[[DACC:.*]]: f32)
// CHECK: vector.extract_strided_slice %[[D]] {offsets = [32], sizes = [32], strides = [1]}
// CHECK: arith.addf {{.*}} : vector<32xf32>
// CHECK: arith.addf {{.*}} : vector<16xf32>
// CHECK: arith.addf {{.*}} : vector<8xf32>
// CHECK: arith.addf {{.*}} : vector<4xf32>
// CHECK: arith.addf {{.*}} : vector<2xf32>
// CHECK: %[[D1:.*]] = arith.addf {{.*}} : vector<1xf32>
// CHECK: %[[DS:.*]] = vector.extract %[[D1]][0]
// CHECK: %[[SUM:.*]] = arith.addf %[[DS]], %[[DACC]] : f32
// CHECK: arith.maxnumf {{.*}} : vector<32xf32>
// CHECK: arith.maxnumf {{.*}} : vector<1xf32>
// CHECK: %[[MAX:.*]] = vector.extract
// CHECK-NOT: vector.reduction
// CHECK: return %[[SUM]], %[[MAX]]
func.func @wide_sum(%v: vector<256xf32>, %acc: f32) -> f32 {
  %0 = vector.multi_reduction <add>, %v, %acc [0] : vector<256xf32> to f32
  return %0 : f32
}
func.func @narrow_sum(%v: vector<16xf32>, %acc: f32) -> f32 {
  %0 = vector.multi_reduction <add>, %v, %acc [0] : vector<16xf32> to f32
  return %0 : f32
}
func.func @wide_max(%v: vector<32xf32>, %acc: f32) -> f32 {
  %0 = vector.multi_reduction <maximumf>, %v, %acc [0] : vector<32xf32> to f32
  return %0 : f32
}
func.func @row_reduction(%v: vector<64xf32>, %acc: f32) -> (f32, f32) {
  %0 = vector.reduction <add>, %v, %acc : vector<64xf32> into f32
  %1 = vector.reduction <maxnumf>, %v : vector<64xf32> into f32
  return %0, %1 : f32, f32
}

// -----

// A select on one bit for every lane (a per-step mask over a row of
// features) becomes bit operations on the lanes: `x & m` when the other
// side is +0, `(a & m) | (b & ~m)` otherwise, with m the bit sign-extended;
// a mask byte tested against zero is tested once, as a scalar. A select on
// a per-lane condition stays a select.
// CHECK-LABEL: func.func @masked_value
// CHECK-SAME: (%[[X:.*]]: vector<64xf32>, %[[KEEP:.*]]: i1)
// CHECK: %[[BITS:.*]] = arith.extsi %[[KEEP]] : i1 to i32
// CHECK: %[[M:.*]] = vector.broadcast %[[BITS]] : i32 to vector<64xi32>
// CHECK: %[[XI:.*]] = arith.bitcast %[[X]] : vector<64xf32> to vector<64xi32>
// CHECK: %[[AND:.*]] = arith.andi %[[XI]], %[[M]] : vector<64xi32>
// CHECK: %[[R:.*]] = arith.bitcast %[[AND]] : vector<64xi32> to vector<64xf32>
// CHECK-NOT: arith.select
// CHECK: return %[[R]]
// CHECK-LABEL: func.func @masked_step
// CHECK-SAME: (%[[ACC:.*]]: vector<256xf32>, %[[Y:.*]]: vector<256xf32>, %[[BYTE:.*]]: vector<1xi8>)
// CHECK-DAG: %[[ONES:.*]] = arith.constant dense<-1> : vector<256xi32>
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-DAG: %[[B:.*]] = vector.extract %[[BYTE]][0] : i8 from vector<1xi8>
// CHECK-DAG: %[[NEXT:.*]] = arith.addf %[[ACC]], %[[Y]] : vector<256xf32>
// CHECK: %[[KEPT:.*]] = arith.cmpi ne, %[[B]], %[[ZERO]] : i8
// CHECK: %[[BITS2:.*]] = arith.extsi %[[KEPT]] : i1 to i32
// CHECK: %[[M2:.*]] = vector.broadcast %[[BITS2]] : i32 to vector<256xi32>
// CHECK: %[[NI:.*]] = arith.bitcast %[[NEXT]]
// CHECK: %[[T:.*]] = arith.andi %[[NI]], %[[M2]]
// CHECK: %[[AI:.*]] = arith.bitcast %[[ACC]]
// CHECK: %[[NOT:.*]] = arith.xori %[[M2]], %[[ONES]]
// CHECK: %[[F:.*]] = arith.andi %[[AI]], %[[NOT]]
// CHECK: %[[OR:.*]] = arith.ori %[[T]], %[[F]]
// CHECK: %[[R2:.*]] = arith.bitcast %[[OR]] : vector<256xi32> to vector<256xf32>
// CHECK-NOT: arith.select
// CHECK: return %[[R2]]
// CHECK-LABEL: func.func @per_lane
// CHECK: %[[C:.*]] = arith.cmpf olt
// CHECK: arith.select %[[C]]
func.func @masked_value(%x: vector<64xf32>, %keep: i1) -> vector<64xf32> {
  %zero = arith.constant dense<0.0> : vector<64xf32>
  %c = vector.broadcast %keep : i1 to vector<64xi1>
  %0 = arith.select %c, %x, %zero : vector<64xi1>, vector<64xf32>
  return %0 : vector<64xf32>
}
func.func @masked_step(%acc: vector<256xf32>, %x: vector<256xf32>, %m: vector<1xi8>) -> vector<256xf32> {
  %zero = arith.constant dense<0> : vector<256xi8>
  %b = vector.broadcast %m : vector<1xi8> to vector<256xi8>
  %c = arith.cmpi ne, %b, %zero : vector<256xi8>
  %next = arith.addf %acc, %x : vector<256xf32>
  %0 = arith.select %c, %next, %acc : vector<256xi1>, vector<256xf32>
  return %0 : vector<256xf32>
}
func.func @per_lane(%x: vector<16xf32>, %y: vector<16xf32>) -> vector<16xf32> {
  %c = arith.cmpf olt, %x, %y : vector<16xf32>
  %0 = arith.select %c, %x, %y : vector<16xi1>, vector<16xf32>
  return %0 : vector<16xf32>
}

// A 16x16 transpose (a tile of reverse mode's transposed matmul factors)
// becomes 64 two-source shuffles of whole rows, never 256 single-element
// extracts and inserts: a quarter of the instructions for LLVM to select.
// CHECK-LABEL: func.func @transpose_16x16
// CHECK-NOT: vector.transpose
// CHECK-COUNT-64: vector.shuffle {{.*}} : vector<16xf32>, vector<16xf32>
// CHECK-NOT: vector.shuffle
// CHECK-NOT: f32 from vector<16xf32>
// CHECK: return
func.func @transpose_16x16(%v: vector<16x16xf32>) -> vector<16x16xf32> {
  %0 = vector.transpose %v, [1, 0] : vector<16x16xf32> to vector<16x16xf32>
  return %0 : vector<16x16xf32>
}

// Other shapes (the 10-class layer's 10x16 tile) become one shuffle of the
// flattened rows.
// CHECK-LABEL: func.func @transpose_10x16
// CHECK-NOT: vector.transpose
// CHECK: vector.shuffle {{.*}} : vector<160xf32>, vector<160xf32>
// CHECK-NOT: vector.shuffle
// CHECK: return
func.func @transpose_10x16(%v: vector<10x16xf32>) -> vector<16x10xf32> {
  %0 = vector.transpose %v, [1, 0] : vector<10x16xf32> to vector<16x10xf32>
  return %0 : vector<16x10xf32>
}
