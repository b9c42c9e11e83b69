// RUN: nn-opt %s --nn-specialize-contractions --split-input-file | FileCheck %s

// C = A B as a generic (the forward of a generalized dense layer).
// CHECK-LABEL: func.func @plain
// CHECK-SAME:    (%[[A:.*]]: tensor<16x64xf32>, %[[B:.*]]: tensor<64x32xf32>, %[[C:.*]]: tensor<16x32xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<16x64xf32>, tensor<64x32xf32>) outs(%[[C]] : tensor<16x32xf32>)
// CHECK:         return %[[R]]
func.func @plain(%a: tensor<16x64xf32>, %b: tensor<64x32xf32>, %c: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xf32>, tensor<64x32xf32>) outs(%c : tensor<16x32xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %out, %p : f32
    linalg.yield %s : f32
  } -> tensor<16x32xf32>
  return %r : tensor<16x32xf32>
}

// -----

// A dense layer's input gradient G W^T as nn-vjp writes it: loops (m, k, n),
// W read as (k, n), an unused input and a dead recomputed product. W is
// transposed into the matmul's layout.
// CHECK-LABEL: func.func @input_gradient
// CHECK-SAME:    (%[[X:.*]]: tensor<16x64xf32>, %[[W:.*]]: tensor<64x32xf32>, %[[G:.*]]: tensor<16x32xf32>, %[[Z:.*]]: tensor<16x64xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<32x64xf32>
// CHECK:         %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<64x32xf32>) outs(%[[E]] : tensor<32x64xf32>) permutation = [1, 0]
// CHECK:         linalg.matmul ins(%[[G]], %[[WT]] : tensor<16x32xf32>, tensor<32x64xf32>) outs(%[[Z]] : tensor<16x64xf32>)
func.func @input_gradient(%x: tensor<16x64xf32>, %w: tensor<64x32xf32>, %g: tensor<16x32xf32>, %z: tensor<16x64xf32>) -> tensor<16x64xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(m, k, n) -> (m, k)>, affine_map<(m, k, n) -> (k, n)>,
                                        affine_map<(m, k, n) -> (m, n)>, affine_map<(m, k, n) -> (m, k)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w, %g : tensor<16x64xf32>, tensor<64x32xf32>, tensor<16x32xf32>) outs(%z : tensor<16x64xf32>) {
  ^bb0(%xv: f32, %wv: f32, %gv: f32, %out: f32):
    %dead = arith.mulf %xv, %wv : f32
    %p = arith.mulf %gv, %wv : f32
    %s = arith.addf %out, %p : f32
    linalg.yield %s : f32
  } -> tensor<16x64xf32>
  return %r : tensor<16x64xf32>
}

// -----

// The weight gradient X^T G: loops (k, n, m), X transposed.
// CHECK-LABEL: func.func @weight_gradient
// CHECK-SAME:    (%[[X:.*]]: tensor<16x64xf32>, %[[G:.*]]: tensor<16x32xf32>, %[[Z:.*]]: tensor<64x32xf32>)
// CHECK:         %[[XT:.*]] = linalg.transpose ins(%[[X]] : tensor<16x64xf32>) outs(%{{.*}} : tensor<64x16xf32>) permutation = [1, 0]
// CHECK:         linalg.matmul ins(%[[XT]], %[[G]] : tensor<64x16xf32>, tensor<16x32xf32>) outs(%[[Z]] : tensor<64x32xf32>)
func.func @weight_gradient(%x: tensor<16x64xf32>, %g: tensor<16x32xf32>, %z: tensor<64x32xf32>) -> tensor<64x32xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(k, n, m) -> (m, k)>, affine_map<(k, n, m) -> (m, n)>, affine_map<(k, n, m) -> (k, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %g : tensor<16x64xf32>, tensor<16x32xf32>) outs(%z : tensor<64x32xf32>) {
  ^bb0(%xv: f32, %gv: f32, %out: f32):
    %p = arith.mulf %xv, %gv : f32
    %s = arith.addf %p, %out : f32
    linalg.yield %s : f32
  } -> tensor<64x32xf32>
  return %r : tensor<64x32xf32>
}

// -----

// Not a plain product: the factor is scaled first (fusion's work, not a
// matmul's). Left as it is.
// CHECK-LABEL: func.func @scaled
// CHECK-NOT:     linalg.matmul
// CHECK:         linalg.generic
func.func @scaled(%a: tensor<16x64xf32>, %b: tensor<64x32xf32>, %c: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %two = arith.constant 2.0 : f32
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xf32>, tensor<64x32xf32>) outs(%c : tensor<16x32xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %x2 = arith.mulf %x, %two : f32
    %p = arith.mulf %x2, %y : f32
    %s = arith.addf %out, %p : f32
    linalg.yield %s : f32
  } -> tensor<16x32xf32>
  return %r : tensor<16x32xf32>
}

// -----

// A product that does not accumulate into its output (out is overwritten
// along the reduction): not a matmul.
// CHECK-LABEL: func.func @overwrite
// CHECK-NOT:     linalg.matmul
func.func @overwrite(%a: tensor<16x64xf32>, %b: tensor<64x32xf32>, %c: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<16x64xf32>, tensor<64x32xf32>) outs(%c : tensor<16x32xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %p = arith.mulf %x, %y : f32
    linalg.yield %p : f32
  } -> tensor<16x32xf32>
  return %r : tensor<16x32xf32>
}

// -----

// A generic broadcasting a scalar is a fill.
// CHECK-LABEL: func.func @fill
// CHECK:         %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<4x8xf32>)
// CHECK:         return %[[F]]
func.func @fill(%e: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%zero : f32) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
