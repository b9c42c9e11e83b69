// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-ragged-matmuls))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-ragged-matmuls{register-tile-rows=6 register-tile-cols=16}))" | FileCheck %s --check-prefix=SIX
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-ragged-matmuls{register-tile-rows=6 register-tile-cols=16 vector-lanes=8}))" | FileCheck %s --check-prefix=LANES8

// N = 1023: no multiple of 32 up to 256 divides it, so the bulk is split at
// cache-tile granularity first (768 = 3 x 256), the rest 255 at the register
// tile (224 = 7 x 32), and its edge 31 as one 16-lane vector + 15; each a
// matmul on slices of B and of the accumulator, inserted back in place.
// CHECK-LABEL: func.func @ragged_columns
// CHECK: %[[M0:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x768xf32>) outs(%{{.*}} : tensor<16x768xf32>)
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[M0]] into %arg2[0, 0] [16, 768] [1, 1]
// CHECK: %[[M1:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x224xf32>) outs(%{{.*}} : tensor<16x224xf32>)
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[M1]] into %{{.*}}[0, 0] [16, 224] [1, 1]
// CHECK: %[[M2:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x16xf32>) outs(%{{.*}} : tensor<16x16xf32>)
// CHECK: %[[I2:.*]] = tensor.insert_slice %[[M2]] into %{{.*}}[0, 0] [16, 16] [1, 1]
// CHECK: %[[M3:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x15xf32>) outs(%{{.*}} : tensor<16x15xf32>)
// CHECK: %[[I3:.*]] = tensor.insert_slice %[[M3]] into %[[I2]][0, 16] [16, 15] [1, 1]
// CHECK: %[[I4:.*]] = tensor.insert_slice %[[I3]] into %[[I1]][0, 224] [16, 31] [1, 1]
// CHECK: tensor.insert_slice %[[I4]] into %[[I0]][0, 768] [16, 255] [1, 1]
func.func @ragged_columns(%a: tensor<16x64xf32>, %b: tensor<64x1023xf32>, %c: tensor<16x1023xf32>) -> tensor<16x1023xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<16x64xf32>, tensor<64x1023xf32>) outs(%c : tensor<16x1023xf32>) -> tensor<16x1023xf32>
  return %0 : tensor<16x1023xf32>
}

// -----

// M = 1023 rows (slices of A): 960 = 15 x 64 first (1016 = 8 x 127 would
// leave one register row per cache tile), then 56 rows of 8, then 7.
// CHECK-LABEL: func.func @ragged_rows
// CHECK: linalg.matmul ins(%{{.*}}, %arg1 : tensor<960x64xf32>, tensor<64x32xf32>) outs(%{{.*}} : tensor<960x32xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %arg1 : tensor<56x64xf32>, tensor<64x32xf32>) outs(%{{.*}} : tensor<56x32xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %arg1 : tensor<7x64xf32>, tensor<64x32xf32>) outs(%{{.*}} : tensor<7x32xf32>)
func.func @ragged_rows(%a: tensor<1023x64xf32>, %b: tensor<64x32xf32>, %c: tensor<1023x32xf32>) -> tensor<1023x32xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<1023x64xf32>, tensor<64x32xf32>) outs(%c : tensor<1023x32xf32>) -> tensor<1023x32xf32>
  return %0 : tensor<1023x32xf32>
}

// -----

// Shapes the tiles divide, and ones no larger than a tile, stay whole (as
// does N = 320 = 32 x 10: 160-column cache tiles divide it).
// CHECK-LABEL: func.func @friendly
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT: linalg.matmul
// CHECK-NOT: tensor.insert_slice
func.func @friendly(%a: tensor<16x64xf32>, %b: tensor<64x1024xf32>, %c: tensor<16x1024xf32>,
                    %d: tensor<7x64xf32>, %e: tensor<64x10xf32>, %f: tensor<7x10xf32>,
                    %g: tensor<64x320xf32>, %h: tensor<16x320xf32>) -> (tensor<16x1024xf32>, tensor<7x10xf32>, tensor<16x320xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<16x64xf32>, tensor<64x1024xf32>) outs(%c : tensor<16x1024xf32>) -> tensor<16x1024xf32>
  %1 = linalg.matmul ins(%d, %e : tensor<7x64xf32>, tensor<64x10xf32>) outs(%f : tensor<7x10xf32>) -> tensor<7x10xf32>
  %2 = linalg.matmul ins(%a, %g : tensor<16x64xf32>, tensor<64x320xf32>) outs(%h : tensor<16x320xf32>) -> tensor<16x320xf32>
  return %0, %1, %2 : tensor<16x1024xf32>, tensor<7x10xf32>, tensor<16x320xf32>
}

// -----

// A filled accumulator (C = 0) is filled part by part: each part's init is
// a fill of its own slice of the fill's destination, so that each fill
// fuses into its part's tiles; the whole C is never zeroed on its own.
// 512 rows with 6 x 16 tiles: 510 + 2.
// With the default 8 x 32 tiles it stays whole.
// CHECK-LABEL: func.func @filled
// CHECK: linalg.fill {{.*}} -> tensor<512x64xf32>
// CHECK-COUNT-1: linalg.matmul
// CHECK-NOT: linalg.matmul
// SIX-LABEL: func.func @filled
// SIX: %[[EMPTY:.*]] = tensor.empty() : tensor<512x64xf32>
// SIX-NOT: linalg.fill {{.*}} tensor<512x64xf32>
// SIX: %[[S0:.*]] = tensor.extract_slice %[[EMPTY]][0, 0] [510, 64] [1, 1]
// SIX: %[[F0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[S0]] : tensor<510x64xf32>)
// SIX: %[[M0:.*]] = linalg.matmul ins(%{{.*}}, %arg1 : tensor<510x64xf32>, tensor<64x64xf32>) outs(%[[F0]] : tensor<510x64xf32>)
// SIX: %[[I0:.*]] = tensor.insert_slice %[[M0]] into %[[EMPTY]][0, 0] [510, 64] [1, 1]
// SIX: %[[S1:.*]] = tensor.extract_slice %[[I0]][510, 0] [2, 64] [1, 1]
// SIX: %[[F1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[S1]] : tensor<2x64xf32>)
// SIX: %[[M1:.*]] = linalg.matmul ins(%{{.*}}, %arg1 : tensor<2x64xf32>, tensor<64x64xf32>) outs(%[[F1]] : tensor<2x64xf32>)
// SIX: tensor.insert_slice %[[M1]] into %[[I0]][510, 0] [2, 64] [1, 1]
// SIX-NOT: linalg.fill
func.func @filled(%a: tensor<512x64xf32>, %b: tensor<64x64xf32>) -> tensor<512x64xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<512x64xf32>
  %c = linalg.fill ins(%zero : f32) outs(%empty : tensor<512x64xf32>) -> tensor<512x64xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<512x64xf32>, tensor<64x64xf32>) outs(%c : tensor<512x64xf32>) -> tensor<512x64xf32>
  return %0 : tensor<512x64xf32>
}

// -----

// Columns past one vector register come in whole registers: with 8 lanes
// (vector-lanes=8, AVX2), 10 columns run as 8 + 2 and 12 as 8 + 4; 7 fit in
// one register and stay whole. With the default 16 lanes all three stay
// whole (each fits one 16-lane register).
// LANES8-LABEL: func.func @narrow_columns
// LANES8: linalg.matmul ins(%arg0, %{{.*}} : tensor<6x64xf32>, tensor<64x8xf32>) outs(%{{.*}} : tensor<6x8xf32>)
// LANES8: linalg.matmul ins(%arg0, %{{.*}} : tensor<6x64xf32>, tensor<64x2xf32>) outs(%{{.*}} : tensor<6x2xf32>)
// LANES8: linalg.matmul ins(%arg0, %{{.*}} : tensor<6x64xf32>, tensor<64x8xf32>) outs(%{{.*}} : tensor<6x8xf32>)
// LANES8: linalg.matmul ins(%arg0, %{{.*}} : tensor<6x64xf32>, tensor<64x4xf32>) outs(%{{.*}} : tensor<6x4xf32>)
// LANES8: linalg.matmul ins(%arg0, %arg5 : tensor<6x64xf32>, tensor<64x7xf32>) outs(%arg6 : tensor<6x7xf32>)
// LANES8-NOT: linalg.matmul
// CHECK-LABEL: func.func @narrow_columns
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT: linalg.matmul
func.func @narrow_columns(%a: tensor<6x64xf32>, %b: tensor<64x10xf32>, %c: tensor<6x10xf32>,
                          %d: tensor<64x12xf32>, %e: tensor<6x12xf32>,
                          %f: tensor<64x7xf32>, %g: tensor<6x7xf32>) -> (tensor<6x10xf32>, tensor<6x12xf32>, tensor<6x7xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<6x64xf32>, tensor<64x10xf32>) outs(%c : tensor<6x10xf32>) -> tensor<6x10xf32>
  %1 = linalg.matmul ins(%a, %d : tensor<6x64xf32>, tensor<64x12xf32>) outs(%e : tensor<6x12xf32>) -> tensor<6x12xf32>
  %2 = linalg.matmul ins(%a, %f : tensor<6x64xf32>, tensor<64x7xf32>) outs(%g : tensor<6x7xf32>) -> tensor<6x7xf32>
  return %0, %1, %2 : tensor<6x10xf32>, tensor<6x12xf32>, tensor<6x7xf32>
}
