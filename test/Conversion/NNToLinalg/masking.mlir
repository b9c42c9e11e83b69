// RUN: nn-opt %s -split-input-file --convert-nn-to-linalg | FileCheck %s

// Masks become 0/1 bytes (i8) at function boundaries and in memory; masked
// steps are skipped with a select, never a multiply.
// CHECK-LABEL: func.func @avg_pool
// CHECK-SAME: (%[[X:.*]]: tensor<3x3x1xf32>, %[[M:.*]]: tensor<3x3xi8>) -> tensor<3x1xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[X]], %[[M]] : tensor<3x3x1xf32>, tensor<3x3xi8>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[B:.*]]: i8, %[[ACC:.*]]: f32):
// CHECK: %[[ADD:.*]] = arith.addf %[[ACC]], %[[V]] : f32
// CHECK: %[[KEPT:.*]] = arith.cmpi ne, %[[B]], %{{.*}} : i8
// CHECK: arith.select %[[KEPT]], %[[ADD]], %[[ACC]] : f32
// CHECK-NOT: arith.mulf
// CHECK: %[[COUNT:.*]] = linalg.generic {{.*}} ins(%[[M]] : tensor<3x3xi8>)
// CHECK: linalg.generic {{.*}} ins(%[[SUM]], %[[COUNT]] : tensor<3x1xf32>, tensor<3xf32>)
// CHECK: %[[ANY:.*]] = arith.cmpf ogt
// CHECK: %[[MEAN:.*]] = arith.divf
// CHECK: arith.select %[[ANY]], %[[MEAN]]
func.func @avg_pool(%x: tensor<3x3x1xf32>, %m: tensor<3x3xi1>) -> tensor<3x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

// nn.masking: an or-reduction over features of (x != mask_value), unordered
// so NaN counts as different; the data result zeroes masked steps by select.
// Calls and returns carry the byte masks too.
// CHECK-LABEL: func.func private @masking(
// CHECK-SAME: -> (tensor<2x3x4xf32>, tensor<2x3xi8>)
// CHECK: linalg.fill ins(%{{.*}} : i8)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: %[[NE:.*]] = arith.cmpf une, %{{.*}}, %{{.*}} : f32
// CHECK: %[[BYTE:.*]] = arith.extui %[[NE]] : i1 to i8
// CHECK: arith.ori %{{.*}}, %[[BYTE]] : i8
// CHECK: arith.select
// CHECK-LABEL: func.func @caller
// CHECK: call @masking(%{{.*}}) : (tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3xi8>)
func.func private @masking(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3xi1>) {
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x3x4xf32> -> tensor<2x3x4xf32>, tensor<2x3xi1>
  return %d, %m : tensor<2x3x4xf32>, tensor<2x3xi1>
}
func.func @caller(%x: tensor<2x3x4xf32>) -> tensor<2x4xf32> {
  %d, %m = func.call @masking(%x) : (tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3xi1>)
  %p = nn.global_max_pool %d mask %m : (tensor<2x3x4xf32>, tensor<2x3xi1>) -> tensor<2x4xf32>
  return %p : tensor<2x4xf32>
}

// -----

// A causal mask from loop indices; a masked softmax reads a broadcast mask.
// Its max adds -inf where masked: the body's combining op is the maxnumf
// itself (which the vectorizer needs), not a select between maxima.
// CHECK-DAG: #[[$BCAST:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @causal_softmax
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<4x4xi8>)
// CHECK: %[[Q:.*]] = linalg.index 0 : index
// CHECK: %[[K:.*]] = linalg.index 1 : index
// CHECK: arith.cmpi ule, %[[K]], %[[Q]] : index
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[$BCAST]], #{{.*}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[KEEP:.*]]: i8, %[[OUT:.*]]: f32):
// CHECK: %[[KEPT:.*]] = arith.cmpi ne, %[[KEEP]]
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[V:.*]] = arith.select %[[KEPT]], %[[X]], %[[NEGINF]] : f32
// CHECK: %[[MAX:.*]] = arith.maxnumf %[[OUT]], %[[V]] : f32
// CHECK: linalg.yield %[[MAX]] : f32
func.func @causal_softmax(%x: tensor<2x4x4xf32>) -> tensor<2x4x4xf32> {
  %c = nn.causal_mask : tensor<4x4xi1>
  %0 = nn.softmax %x mask %c : tensor<2x4x4xf32>, tensor<4x4xi1>
  return %0 : tensor<2x4x4xf32>
}
