// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-ragged-matmuls))" | FileCheck %s

// N = 1023 with 32-column tiles: 992 columns of full tiles, then the ragged
// 31 as one 16-lane vector + 15, each a matmul on slices of B and of the
// accumulator, inserted back in place.
// CHECK-LABEL: func.func @ragged_columns
// CHECK: %[[M0:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x992xf32>) outs(%{{.*}} : tensor<16x992xf32>)
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[M0]] into %arg2[0, 0] [16, 992] [1, 1]
// CHECK: %[[M1:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x16xf32>) outs(%{{.*}} : tensor<16x16xf32>)
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[M1]] into %{{.*}}[0, 0] [16, 16] [1, 1]
// CHECK: %[[M2:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x15xf32>) outs(%{{.*}} : tensor<16x15xf32>)
// CHECK: %[[I2:.*]] = tensor.insert_slice %[[M2]] into %[[I1]][0, 16] [16, 15] [1, 1]
// CHECK: tensor.insert_slice %[[I2]] into %[[I0]][0, 992] [16, 31] [1, 1]
func.func @ragged_columns(%a: tensor<16x64xf32>, %b: tensor<64x1023xf32>, %c: tensor<16x1023xf32>) -> tensor<16x1023xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<16x64xf32>, tensor<64x1023xf32>) outs(%c : tensor<16x1023xf32>) -> tensor<16x1023xf32>
  return %0 : tensor<16x1023xf32>
}

// -----

// M = 1023 rows: 1016 rows of full 8-row tiles, then 7 (rows of A).
// CHECK-LABEL: func.func @ragged_rows
// CHECK: linalg.matmul ins(%{{.*}}, %arg1 : tensor<1016x64xf32>, tensor<64x32xf32>) outs(%{{.*}} : tensor<1016x32xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %arg1 : tensor<7x64xf32>, tensor<64x32xf32>) outs(%{{.*}} : tensor<7x32xf32>)
func.func @ragged_rows(%a: tensor<1023x64xf32>, %b: tensor<64x32xf32>, %c: tensor<1023x32xf32>) -> tensor<1023x32xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<1023x64xf32>, tensor<64x32xf32>) outs(%c : tensor<1023x32xf32>) -> tensor<1023x32xf32>
  return %0 : tensor<1023x32xf32>
}

// -----

// Shapes the tiles divide, and ones no larger than a tile, stay whole.
// CHECK-LABEL: func.func @friendly
// CHECK-COUNT-2: linalg.matmul
// CHECK-NOT: linalg.matmul
// CHECK-NOT: tensor.insert_slice
func.func @friendly(%a: tensor<16x64xf32>, %b: tensor<64x1024xf32>, %c: tensor<16x1024xf32>,
                    %d: tensor<7x64xf32>, %e: tensor<64x10xf32>, %f: tensor<7x10xf32>) -> (tensor<16x1024xf32>, tensor<7x10xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<16x64xf32>, tensor<64x1024xf32>) outs(%c : tensor<16x1024xf32>) -> tensor<16x1024xf32>
  %1 = linalg.matmul ins(%d, %e : tensor<7x64xf32>, tensor<64x10xf32>) outs(%f : tensor<7x10xf32>) -> tensor<7x10xf32>
  return %0, %1 : tensor<16x1024xf32>, tensor<7x10xf32>
}
