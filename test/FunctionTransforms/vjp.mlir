// RUN: nn-opt %s -split-input-file --nn-vjp="function=f" --canonicalize | FileCheck %s

// f_vjp(x, w, ct) -> (y, dx, dw): the forward generic is kept; each
// cotangent is a generic over the same loops with the loops its map does
// not read innermost, as reductions (dw[k, j] = sum_i x[i, k] ct[i, j]).
// CHECK-DAG:   #[[$X:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:   #[[$W:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG:   #[[$Y:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:   #[[$KJ:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[$IK:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-LABEL: func.func @f_vjp
// CHECK-SAME:  (%[[XA:.*]]: tensor<2x3xf32>, %[[WA:.*]]: tensor<3x4xf32>, %[[CT:.*]]: tensor<2x4xf32>)
// CHECK-SAME:  -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>)
// CHECK:       %[[FWD:.*]] = linalg.generic {indexing_maps = [#[[$X]], #[[$W]], #[[$Y]]], iterator_types = ["parallel", "parallel", "reduction"]}
// dx over loops (i, k, j): dx[i, k] = sum_j ct[i, j] w[k, j].
// CHECK:       %[[DX:.*]] = linalg.generic {indexing_maps = [#[[$Y]], #[[$KJ]], #[[$X]], #[[$Y]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME:    ins(%[[XA]], %[[WA]], %[[CT]] :
// dw over loops (k, j, i): dw[k, j] = sum_i x[i, k] ct[i, j].
// CHECK:       %[[DW:.*]] = linalg.generic {indexing_maps = [#[[$IK]], #[[$Y]], #[[$W]], #[[$Y]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME:    ins(%[[XA]], %[[WA]], %[[CT]] :
// CHECK:       return %[[FWD]], %[[DX]], %[[DW]]
func.func @f(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = nn.dense %x, %w : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// An embedding's table: the gather becomes a scatter-add loop nest over
// the lookups (ids may repeat).
// CHECK-LABEL: func.func @f_vjp
// CHECK-SAME:  (%[[IDS:.*]]: tensor<2x3xi32>, %[[T:.*]]: tensor<5x4xf32>, %[[CT:.*]]: tensor<2x3x4xf32>)
// CHECK:       scf.for
// CHECK:         scf.for
// CHECK:           scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<5x4xf32>)
// CHECK:             %[[OLD:.*]] = tensor.extract %[[ACC]]
// CHECK:             %[[NEW:.*]] = arith.addf %[[OLD]]
// CHECK:             tensor.insert %[[NEW]] into %[[ACC]]
func.func @f(%ids: tensor<2x3xi32>, %table: tensor<5x4xf32>) -> tensor<2x3x4xf32> {
  %0 = nn.embedding %ids, %table : (tensor<2x3xi32>, tensor<5x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// A max: the positions equal to the result share its cotangent, counted
// first (the initial value too; ties share equally).
// CHECK-LABEL: func.func @f_vjp
// CHECK-SAME:  (%[[X:.*]]: tensor<2x3x1xf32>, %{{.*}}: tensor<2x1xf32>)
// CHECK:       %[[MAX:.*]] = linalg.generic {{.*}} ins(%[[X]] :
// CHECK:       %[[COUNT:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[MAX]] :
// CHECK:         arith.cmpf oeq
// CHECK:       linalg.generic {{.*}} ins(%[[X]], %{{.*}}, %[[MAX]], %[[COUNT]] :
// CHECK:         %[[HIT:.*]] = arith.cmpf oeq
// CHECK:         %[[SHARE:.*]] = arith.divf
// CHECK:         arith.select %[[HIT]], %[[SHARE]]
func.func @f(%x: tensor<2x3x1xf32>) -> tensor<2x1xf32> {
  %0 = nn.global_max_pool %x : (tensor<2x3x1xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// Masks and keys get no cotangent; arguments nothing depends on get zeros.
// CHECK-LABEL: func.func @f_vjp
// CHECK-SAME:  (%{{.*}}: tensor<2x3x1xf32>, %{{.*}}: tensor<2x3xi8> {nn.mask}, %{{.*}}: tensor<2x1xf32>, %{{.*}}: tensor<2x1xf32>)
// CHECK-SAME:  -> (tensor<2x1xf32>, tensor<2x3x1xf32>, tensor<2x1xf32>)
func.func @f(%x: tensor<2x3x1xf32>, %m: tensor<2x3xi1>, %unused: tensor<2x1xf32>) -> tensor<2x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x3x1xf32>, tensor<2x3xi1>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}
