// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-reduction-streams{min-bytes=0}))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-reduction-streams))" | FileCheck %s --check-prefix=SMALL
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-reduction-streams{min-bytes=0 streams=2}))" | FileCheck %s --check-prefix=TWO

#x = affine_map<(b, t, f) -> (b, t, f)>
#m = affine_map<(b, t, f) -> (b, t)>
#o = affine_map<(b, t, f) -> (b, f)>

// A masked sum over time (nn.global_avg_pool's): 4 slices of 2 steps of x
// and of the mask, and each slice's masked step in turn on the accumulator.
// Below min-bytes (here 2 KiB of inputs against 1 MiB) nothing changes.
// CHECK-LABEL: func.func @masked_sum
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x16xf32>, %[[M:.*]]: tensor<2x8xi8>
// CHECK-DAG: %[[X0:.*]] = tensor.extract_slice %[[X]][0, 0, 0] [2, 2, 16] [1, 1, 1]
// CHECK-DAG: %[[X1:.*]] = tensor.extract_slice %[[X]][0, 2, 0] [2, 2, 16] [1, 1, 1]
// CHECK-DAG: %[[X2:.*]] = tensor.extract_slice %[[X]][0, 4, 0] [2, 2, 16] [1, 1, 1]
// CHECK-DAG: %[[X3:.*]] = tensor.extract_slice %[[X]][0, 6, 0] [2, 2, 16] [1, 1, 1]
// CHECK-DAG: %[[M0:.*]] = tensor.extract_slice %[[M]][0, 0] [2, 2] [1, 1]
// CHECK-DAG: %[[M3:.*]] = tensor.extract_slice %[[M]][0, 6] [2, 2] [1, 1]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-SAME: ins(%[[X0]], %[[X1]], %[[X2]], %[[X3]], %[[M0]], %{{.*}}, %{{.*}}, %[[M3]] :
// CHECK: ^bb0(%[[A0:.*]]: f32, %[[A1:.*]]: f32, %[[A2:.*]]: f32, %[[A3:.*]]: f32, %[[K0:.*]]: i8, %[[K1:.*]]: i8, %[[K2:.*]]: i8, %[[K3:.*]]: i8, %[[OUT:.*]]: f32):
// CHECK: %[[S0:.*]] = arith.addf %[[OUT]], %[[A0]]
// CHECK: %[[C0:.*]] = arith.cmpi ne, %[[K0]]
// CHECK: %[[R0:.*]] = arith.select %[[C0]], %[[S0]], %[[OUT]]
// CHECK: %[[S1:.*]] = arith.addf %[[R0]], %[[A1]]
// CHECK: %[[C1:.*]] = arith.cmpi ne, %[[K1]]
// CHECK: %[[R1:.*]] = arith.select %[[C1]], %[[S1]], %[[R0]]
// CHECK: arith.addf %[[R1]], %[[A2]]
// CHECK: %[[R2:.*]] = arith.select
// CHECK: arith.addf %[[R2]], %[[A3]]
// CHECK: %[[R3:.*]] = arith.select
// CHECK: linalg.yield %[[R3]]
// SMALL-LABEL: func.func @masked_sum
// SMALL-NOT: tensor.extract_slice
// SMALL: ins(%{{.*}}, %{{.*}} : tensor<2x8x16xf32>, tensor<2x8xi8>)
func.func @masked_sum(%x: tensor<2x8x16xf32>, %m: tensor<2x8xi8>, %init: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %zero = arith.constant 0 : i8
  %0 = linalg.generic {indexing_maps = [#x, #m, #o], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%x, %m : tensor<2x8x16xf32>, tensor<2x8xi8>) outs(%init : tensor<2x16xf32>) {
  ^bb0(%v: f32, %k: i8, %acc: f32):
    %s = arith.addf %acc, %v : f32
    %kept = arith.cmpi ne, %k, %zero : i8
    %r = arith.select %kept, %s, %acc : f32
    linalg.yield %r : f32
  } -> tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}

// -----

#x = affine_map<(b, t, f) -> (b, t, f)>
#o = affine_map<(b, t, f) -> (b, f)>

// A plain sum over time: the 4 slices' values are added pairwise, then into
// the accumulator. With 2 streams, 2 slices of 4 steps.
// CHECK-LABEL: func.func @sum
// CHECK: linalg.generic
// CHECK: ^bb0(%[[A0:.*]]: f32, %[[A1:.*]]: f32, %[[A2:.*]]: f32, %[[A3:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK: %[[L:.*]] = arith.addf %[[A0]], %[[A1]]
// CHECK: %[[R:.*]] = arith.addf %[[A2]], %[[A3]]
// CHECK: %[[T:.*]] = arith.addf %[[L]], %[[R]]
// CHECK: %[[S:.*]] = arith.addf %[[OUT]], %[[T]]
// CHECK: linalg.yield %[[S]]
// TWO-LABEL: func.func @sum
// TWO: tensor.extract_slice %{{.*}}[0, 0, 0] [2, 4, 16]
// TWO: tensor.extract_slice %{{.*}}[0, 4, 0] [2, 4, 16]
// TWO: ^bb0(%[[A0:.*]]: f32, %[[A1:.*]]: f32, %[[OUT:.*]]: f32):
// TWO: %[[T:.*]] = arith.addf %[[A0]], %[[A1]]
// TWO: arith.addf %[[OUT]], %[[T]]
func.func @sum(%x: tensor<2x8x16xf32>, %init: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %0 = linalg.generic {indexing_maps = [#x, #o], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%x : tensor<2x8x16xf32>) outs(%init : tensor<2x16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}

// -----

#x = affine_map<(b, t, f) -> (b, t, f)>
#o = affine_map<(b, t, f) -> (b, f)>
#x2 = affine_map<(b, f) -> (b, f)>
#r2 = affine_map<(b, f) -> (b)>

// Left alone: a maximum (a masked maximum pool ran slower in streams), a
// time loop of 6 steps (not a multiple of 4), a reduction over the innermost
// loop (a row sum: one contiguous stream already), and a sum whose value
// reads the accumulator.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: tensor.extract_slice
// CHECK: return
func.func @left_alone(%x: tensor<2x8x16xf32>, %y: tensor<2x6x16xf32>, %z: tensor<2x16xf32>,
                      %init: tensor<2x16xf32>, %rows: tensor<2xf32>)
    -> (tensor<2x16xf32>, tensor<2x16xf32>, tensor<2xf32>, tensor<2x16xf32>) {
  %0 = linalg.generic {indexing_maps = [#x, #o], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%x : tensor<2x8x16xf32>) outs(%init : tensor<2x16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.maximumf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<2x16xf32>
  %1 = linalg.generic {indexing_maps = [#x, #o], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%y : tensor<2x6x16xf32>) outs(%init : tensor<2x16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<2x16xf32>
  %2 = linalg.generic {indexing_maps = [#x2, #r2], iterator_types = ["parallel", "reduction"]}
      ins(%z : tensor<2x16xf32>) outs(%rows : tensor<2xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  %3 = linalg.generic {indexing_maps = [#x, #o], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%x : tensor<2x8x16xf32>) outs(%init : tensor<2x16xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %p = arith.mulf %acc, %v : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x16xf32>
  return %0, %1, %2, %3 : tensor<2x16xf32>, tensor<2x16xf32>, tensor<2xf32>, tensor<2x16xf32>
}
