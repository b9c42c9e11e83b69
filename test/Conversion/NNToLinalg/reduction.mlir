// RUN: nn-opt %s -split-input-file --convert-nn-to-linalg | FileCheck %s

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<4xf32>)
// The row max skips NaN (arith.maxnumf, one vmaxps and a NaN fix-up per
// vector instead of maximumf's six instructions): a NaN still reaches every
// output of its row through the sum (nn-jit/softmax-special-values.mlir).
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} {{.*}} outs(%[[INIT]] : tensor<4xf32>)
// CHECK: arith.maxnumf
// CHECK: %[[EXP:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[MAX]] : tensor<4x10xf32>, tensor<4xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[EXP]] : tensor<4x10xf32>)
// CHECK: arith.addf
// One division per row (1 / sum), then a multiplication per element.
// CHECK: %[[INV:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<4xf32>)
// CHECK: arith.divf %{{.*}}, %{{.*}} : f32
// CHECK: linalg.generic {{.*}} ins(%[[EXP]], %[[INV]] : tensor<4x10xf32>, tensor<4xf32>)
// CHECK-NOT: arith.divf
// CHECK: arith.mulf
func.func @softmax(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = nn.softmax %x : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// Softmax over a leading axis reduces d0.
// CHECK-LABEL: func.func @softmax_axis0
// CHECK: iterator_types = ["reduction", "parallel"]
func.func @softmax_axis0(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = nn.softmax %x axis = 0 : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// x - mean is recomputed in the variance's sum and in the output, never
// stored as a tensor of its own.
// CHECK-LABEL: func.func @layer_norm
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4x64xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<4xf32>)
// CHECK: %[[N:.*]] = arith.constant 6.400000e+01 : f32
// CHECK: arith.divf %{{.*}}, %[[N]]
// CHECK-NOT: outs(%{{.*}} : tensor<4x64xf32>)
// CHECK: %[[SQ:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[MEAN]] : tensor<4x64xf32>, tensor<4xf32>)
// CHECK: ^bb0(%[[XV:.*]]: f32, %[[MV:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[D:.*]] = arith.subf %[[XV]], %[[MV]] : f32
// CHECK: %[[D2:.*]] = arith.mulf %[[D]], %[[D]] : f32
// CHECK: arith.addf %[[ACC]], %[[D2]] : f32
// CHECK: %[[INV:.*]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<4xf32>)
// CHECK: %[[N2:.*]] = arith.constant 6.400000e+01 : f32
// CHECK: %[[VAR:.*]] = arith.divf %{{.*}}, %[[N2]] : f32
// CHECK: %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// CHECK: %[[VE:.*]] = arith.addf %[[VAR]], %[[EPS]] : f32
// CHECK: %[[STD:.*]] = math.sqrt %[[VE]] : f32
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: arith.divf %[[ONE]], %[[STD]] : f32
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[MEAN]], %[[INV]], %{{.*}}, %{{.*}} : tensor<4x64xf32>, tensor<4xf32>, tensor<4xf32>, tensor<64xf32>, tensor<64xf32>)
// CHECK: ^bb0(%[[XE:.*]]: f32, %[[M:.*]]: f32, %[[I:.*]]: f32, %[[G:.*]]: f32, %[[B:.*]]: f32,
// CHECK: %[[C:.*]] = arith.subf %[[XE]], %[[M]] : f32
// CHECK: %[[F:.*]] = arith.mulf %[[I]], %[[G]] : f32
// CHECK: %[[YS:.*]] = arith.mulf %[[C]], %[[F]] : f32
// CHECK: %[[YO:.*]] = arith.addf %[[YS]], %[[B]] : f32
// CHECK: linalg.yield %[[YO]]
func.func @layer_norm(%x: tensor<4x64xf32>, %g: tensor<64xf32>, %b: tensor<64xf32>) -> tensor<4x64xf32> {
  %0 = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05 : (tensor<4x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @global_avg_pool
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$OUT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} ins(%[[SUM]] : tensor<3x1xf32>)
// CHECK: %[[STEPS:.*]] = arith.constant 3.000000e+00 : f32
// CHECK: arith.divf %{{.*}}, %[[STEPS]]
func.func @global_avg_pool(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %0 = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NEGINF]] : f32)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK: arith.maximumf
func.func @global_max_pool(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %0 = nn.global_max_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}
