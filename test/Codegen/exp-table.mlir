// RUN: nn-opt %s --pass-pipeline="builtin.module(func.func(nn-lower-vectors{exp-table-avx512=true}))" | FileCheck %s
// RUN: nn-opt %s --pass-pipeline="builtin.module(func.func(nn-lower-vectors))" | FileCheck %s --check-prefix=POLY

// With exp-table-avx512, f32 exp: x clamped above to 88.8 (NaN passes),
// k = round(16 x / ln 2) by adding 1.5 * 2^23 (0x4B400000), r = x - k ln 2 /
// 16 in two fmas, 1 + r (1 + r (1/2 + r/6)), and 2^(m-1) * 2^(j/16) as the
// sum's bits shifted left by 19 plus the table's entry at its low 4 bits:
// one vpermd (llvm.x86.avx512.permvar.si.512) per 16 lanes, a last part of
// 4 lanes padded to 16, a scalar looked up in lane 0. Entry j is the bits of
// 2^(j/16) / 2 less j << 19: 0x3F000000 = 1056964608 (0.5), and
// 0x3F3504F3 - (8 << 19) = 1056244979 for 2^(8/16) / 2 = 0.70710677.
// The result doubles h + h r q, and is 0 below -86.64.
// CHECK-LABEL: func.func @exp_table
// CHECK-SAME: (%[[X:.*]]: vector<20xf32>, %[[S:.*]]: f32)
// CHECK-DAG: %[[TABLE:.*]] = arith.constant dense<[1056964608, {{(([0-9]+, ){7})}}1056244979, {{(([0-9]+, ){6})[0-9]+}}]> : vector<16xi32>
// CHECK-DAG: %[[HI:.*]] = arith.constant dense<8.880000e+01> : vector<20xf32>
// CHECK-DAG: %[[BIAS:.*]] = arith.constant dense<0x4B400000> : vector<20xf32>
// CHECK-DAG: %[[SCALE16:.*]] = arith.constant dense<23.0831203> : vector<20xf32>
// CHECK-DAG: %[[LN2HI:.*]] = arith.constant dense<-0.0433197021> : vector<20xf32>
// CHECK-DAG: %[[SHIFT:.*]] = arith.constant dense<19> : vector<20xi32>
// CHECK-DAG: %[[MIN:.*]] = arith.constant dense<-86.6399993> : vector<20xf32>
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<20xf32>
// CHECK: %[[ABOVE:.*]] = arith.cmpf olt, %[[HI]], %[[X]] : vector<20xf32>
// CHECK: %[[X1:.*]] = arith.select %[[ABOVE]], %[[HI]], %[[X]]
// CHECK: %[[BIASED:.*]] = llvm.intr.fma(%[[X1]], %[[SCALE16]], %[[BIAS]])
// CHECK: %[[K:.*]] = arith.subf %[[BIASED]], %[[BIAS]] : vector<20xf32>
// CHECK: %[[R1:.*]] = llvm.intr.fma(%[[K]], %[[LN2HI]], %[[X1]])
// CHECK: %[[R:.*]] = llvm.intr.fma(%[[K]], %{{.*}}, %[[R1]])
// CHECK: %[[Q1:.*]] = llvm.intr.fma(%{{.*}}, %[[R]], %{{.*}})
// CHECK: %[[Q:.*]] = llvm.intr.fma(%[[Q1]], %[[R]], %{{.*}})
// CHECK: %[[RQ:.*]] = arith.mulf %[[R]], %[[Q]] : vector<20xf32>
// CHECK: %[[BITS:.*]] = arith.bitcast %[[BIASED]] : vector<20xf32> to vector<20xi32>
// CHECK: %[[SHIFTED:.*]] = arith.shli %[[BITS]], %[[SHIFT]] : vector<20xi32>
// CHECK: %[[FIRST:.*]] = vector.extract_strided_slice %[[BITS]] {offsets = [0], sizes = [16], strides = [1]}
// CHECK: %[[LOOKED1:.*]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.si.512"(%[[TABLE]], %[[FIRST]]) : (vector<16xi32>, vector<16xi32>) -> vector<16xi32>
// CHECK: %[[PART1:.*]] = vector.insert_strided_slice %[[LOOKED1]], %{{.*}} {offsets = [0], strides = [1]} : vector<16xi32> into vector<20xi32>
// CHECK: %[[LAST:.*]] = vector.extract_strided_slice %[[BITS]] {offsets = [16], sizes = [4], strides = [1]}
// CHECK: %[[PADDED:.*]] = vector.insert_strided_slice %[[LAST]], %{{.*}} {offsets = [0], strides = [1]} : vector<4xi32> into vector<16xi32>
// CHECK: %[[LOOKED2:.*]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.si.512"(%[[TABLE]], %[[PADDED]])
// CHECK: %[[ENTRIES2:.*]] = vector.extract_strided_slice %[[LOOKED2]] {offsets = [0], sizes = [4], strides = [1]}
// CHECK: %[[ENTRIES:.*]] = vector.insert_strided_slice %[[ENTRIES2]], %[[PART1]] {offsets = [16], strides = [1]}
// CHECK: %[[HBITS:.*]] = arith.addi %[[SHIFTED]], %[[ENTRIES]] : vector<20xi32>
// CHECK: %[[H:.*]] = arith.bitcast %[[HBITS]] : vector<20xi32> to vector<20xf32>
// CHECK: %[[Y:.*]] = llvm.intr.fma(%[[H]], %[[RQ]], %[[H]])
// CHECK: %[[DOUBLED:.*]] = arith.addf %[[Y]], %[[Y]] : vector<20xf32>
// CHECK: %[[UNDER:.*]] = arith.cmpf olt, %[[X1]], %[[MIN]] : vector<20xf32>
// CHECK: %[[V:.*]] = arith.select %[[UNDER]], %[[ZERO]], %[[DOUBLED]]
// CHECK: %[[SBITS:.*]] = arith.bitcast %{{.*}} : f32 to i32
// CHECK: %[[SPLAT:.*]] = vector.broadcast %[[SBITS]] : i32 to vector<1xi32>
// CHECK: %[[SPADDED:.*]] = vector.insert_strided_slice %[[SPLAT]], %{{.*}} : vector<1xi32> into vector<16xi32>
// CHECK: %[[SLOOKED:.*]] = llvm.call_intrinsic "llvm.x86.avx512.permvar.si.512"(%[[TABLE]], %[[SPADDED]])
// CHECK: vector.extract %[[SLOOKED]][0] : i32 from vector<16xi32>
// CHECK: %[[SV:.*]] = arith.select %{{.*}} : f32
// CHECK-NOT: math.
// CHECK: return %[[V]], %[[SV]]
// POLY-LABEL: func.func @exp_table
// POLY-NOT: llvm.call_intrinsic
// POLY: return
func.func @exp_table(%x: vector<20xf32>, %s: f32) -> (vector<20xf32>, f32) {
  %0 = math.exp %x : vector<20xf32>
  %1 = math.exp %s : f32
  return %0, %1 : vector<20xf32>, f32
}
