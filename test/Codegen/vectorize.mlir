// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-vectorize))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-vectorize{max-vector-elements=64}))" | FileCheck %s --check-prefix=LIMIT

// The k loop's 8x1x32 matmul becomes a vector.contract whose accumulator is
// a loop-carried vector (the transfer pair is hoisted out of the loop).
// CHECK-LABEL: func.func @register_tile
// CHECK: %[[INIT:.*]] = vector.transfer_read %{{.*}} : tensor<8x32xf32>, vector<8x32xf32>
// CHECK: %[[ACC:.*]]:2 = scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}, %[[A:.*]] = %[[INIT]]) -> (tensor<8x32xf32>, vector<8x32xf32>)
// CHECK:   %[[L:.*]] = vector.transfer_read %{{.*}} : tensor<8x16xf32>, vector<8x1xf32>
// CHECK:   %[[R:.*]] = vector.transfer_read %{{.*}} : tensor<16x32xf32>, vector<1x32xf32>
// CHECK:   %[[C:.*]] = vector.contract {{.*}} %[[L]], %[[R]], %[[A]] : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK:   scf.yield %{{.*}}, %[[C]] : tensor<8x32xf32>, vector<8x32xf32>
// CHECK: vector.transfer_write %[[ACC]]#1
// LIMIT-LABEL: func.func @register_tile
// LIMIT: linalg.matmul
func.func @register_tile(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %init: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %r = scf.for %k = %c0 to %c16 step %c1 iter_args(%acc = %init) -> tensor<8x32xf32> {
    %sa = tensor.extract_slice %a[0, %k] [8, 1] [1, 1] : tensor<8x16xf32> to tensor<8x1xf32>
    %sb = tensor.extract_slice %b[%k, 0] [1, 32] [1, 1] : tensor<16x32xf32> to tensor<1x32xf32>
    %mm = linalg.matmul ins(%sa, %sb : tensor<8x1xf32>, tensor<1x32xf32>) outs(%acc : tensor<8x32xf32>) -> tensor<8x32xf32>
    scf.yield %mm : tensor<8x32xf32>
  }
  return %r : tensor<8x32xf32>
}

// -----

// Reductions become vector.multi_reduction; elementwise bodies vector ops.
// CHECK-LABEL: func.func @row_sum
// CHECK: %[[V:.*]] = vector.transfer_read {{.*}} : tensor<4x10xf32>, vector<4x10xf32>
// CHECK: vector.multi_reduction <add>, %[[V]], %{{.*}} [1] : vector<4x10xf32> to vector<4xf32>
func.func @row_sum(%x: tensor<4x10xf32>, %s: tensor<4xf32>) -> tensor<4xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                       iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x10xf32>) outs(%s : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
