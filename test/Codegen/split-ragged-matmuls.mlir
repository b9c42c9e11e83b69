// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-ragged-matmuls))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-ragged-matmuls{register-tile-rows=6 register-tile-cols=16}))" | FileCheck %s --check-prefix=SIX
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-split-ragged-matmuls{register-tile-rows=6 register-tile-cols=16 vector-lanes=8}))" | FileCheck %s --check-prefix=LANES8

// N = 1023: no multiple of 32 up to 256 divides it, so the bulk is split at
// cache-tile granularity first (768 = 3 x 256), the rest 255 at the register
// tile (224 = 7 x 32), each a matmul on slices of B and of the accumulator,
// inserted back in place; the edge of 31 columns fits one 32-column
// register tile and 16 rows fill 8-row tiles, so it is computed as 32
// columns, its slices of B and of the accumulator padded with a zero
// column, and 31 of them inserted.
// CHECK-LABEL: func.func @ragged_columns
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[M0:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x768xf32>) outs(%{{.*}} : tensor<16x768xf32>)
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[M0]] into %arg2[0, 0] [16, 768] [1, 1]
// CHECK: %[[M1:.*]] = linalg.matmul ins(%arg0, %{{.*}} : tensor<16x64xf32>, tensor<64x224xf32>) outs(%{{.*}} : tensor<16x224xf32>)
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[M1]] into %{{.*}}[0, 0] [16, 224] [1, 1]
// CHECK: %[[C2:.*]] = tensor.extract_slice %{{.*}}[0, 224] [16, 31] [1, 1]
// CHECK: %[[B2:.*]] = tensor.extract_slice %{{.*}}[0, 224] [64, 31] [1, 1]
// CHECK: %[[PC:.*]] = tensor.pad %[[C2]] low[0, 0] high[0, 1]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: %[[PB:.*]] = tensor.pad %[[B2]] low[0, 0] high[0, 1]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: %[[M2:.*]] = linalg.matmul ins(%arg0, %[[PB]] : tensor<16x64xf32>, tensor<64x32xf32>) outs(%[[PC]] : tensor<16x32xf32>)
// CHECK: %[[S2:.*]] = tensor.extract_slice %[[M2]][0, 0] [16, 31] [1, 1]
// CHECK: %[[I2:.*]] = tensor.insert_slice %[[S2]] into %[[I1]][0, 224] [16, 31] [1, 1]
// CHECK: tensor.insert_slice %[[I2]] into %[[I0]][0, 768] [16, 255] [1, 1]
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

// A matmul no wider than one register tile that ends in a partial vector
// register is computed with zero columns of B up to whole registers: with
// 8 lanes (vector-lanes=8, AVX2) and 6 x 16 tiles, 10 columns as 16 (not
// 8 + 2: a second pass over A), 12 as 16 and 7 as 8; B and the
// accumulator padded, the result sliced back. With the default 16 lanes
// and 8 x 32 tiles, 6 rows are less than a tile of rows (the matmul streams
// B, which padding would copy): all three stay whole.
// LANES8-LABEL: func.func @narrow_columns
// LANES8: %[[C0:.*]] = tensor.pad %arg2 low[0, 0] high[0, 6]
// LANES8: %[[B0:.*]] = tensor.pad %arg1 low[0, 0] high[0, 6]
// LANES8: %[[M0:.*]] = linalg.matmul ins(%arg0, %[[B0]] : tensor<6x64xf32>, tensor<64x16xf32>) outs(%[[C0]] : tensor<6x16xf32>)
// LANES8: tensor.extract_slice %[[M0]][0, 0] [6, 10] [1, 1]
// LANES8: %[[C1:.*]] = tensor.pad %arg4 low[0, 0] high[0, 4]
// LANES8: %[[B1:.*]] = tensor.pad %arg3 low[0, 0] high[0, 4]
// LANES8: %[[M1:.*]] = linalg.matmul ins(%arg0, %[[B1]] : tensor<6x64xf32>, tensor<64x16xf32>) outs(%[[C1]] : tensor<6x16xf32>)
// LANES8: tensor.extract_slice %[[M1]][0, 0] [6, 12] [1, 1]
// LANES8: %[[C2:.*]] = tensor.pad %arg6 low[0, 0] high[0, 1]
// LANES8: %[[B2:.*]] = tensor.pad %arg5 low[0, 0] high[0, 1]
// LANES8: %[[M2:.*]] = linalg.matmul ins(%arg0, %[[B2]] : tensor<6x64xf32>, tensor<64x8xf32>) outs(%[[C2]] : tensor<6x8xf32>)
// LANES8: tensor.extract_slice %[[M2]][0, 0] [6, 7] [1, 1]
// LANES8-NOT: linalg.matmul
// With 6 x 16 tiles and 16 lanes (SIX) all three are padded to 16.
// SIX-LABEL: func.func @narrow_columns
// SIX-COUNT-3: linalg.matmul ins(%arg0, %{{.*}} : tensor<6x64xf32>, tensor<64x16xf32>) outs(%{{.*}} : tensor<6x16xf32>)
// CHECK-LABEL: func.func @narrow_columns
// CHECK-NOT: tensor.pad
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT: linalg.matmul
// CHECK-NOT: tensor.pad
func.func @narrow_columns(%a: tensor<6x64xf32>, %b: tensor<64x10xf32>, %c: tensor<6x10xf32>,
                          %d: tensor<64x12xf32>, %e: tensor<6x12xf32>,
                          %f: tensor<64x7xf32>, %g: tensor<6x7xf32>) -> (tensor<6x10xf32>, tensor<6x12xf32>, tensor<6x7xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<6x64xf32>, tensor<64x10xf32>) outs(%c : tensor<6x10xf32>) -> tensor<6x10xf32>
  %1 = linalg.matmul ins(%a, %d : tensor<6x64xf32>, tensor<64x12xf32>) outs(%e : tensor<6x12xf32>) -> tensor<6x12xf32>
  %2 = linalg.matmul ins(%a, %f : tensor<6x64xf32>, tensor<64x7xf32>) outs(%g : tensor<6x7xf32>) -> tensor<6x7xf32>
  return %0, %1, %2 : tensor<6x10xf32>, tensor<6x12xf32>, tensor<6x7xf32>
}

// -----

// A filled accumulator of a padded matmul is filled at the padded size (no
// copy of it; the fill fuses into the tiles). Fewer rows than a register
// tile (4 of 6) keep the split in whole registers: 10 columns as 8 + 2.
// LANES8-LABEL: func.func @padded_fill
// LANES8: %[[EMPTY:.*]] = tensor.empty() : tensor<12x16xf32>
// LANES8: %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<12x16xf32>)
// LANES8: %[[B:.*]] = tensor.pad %arg1 low[0, 0] high[0, 6]
// LANES8: %[[M:.*]] = linalg.matmul ins(%arg0, %[[B]] : tensor<12x64xf32>, tensor<64x16xf32>) outs(%[[FILL]] : tensor<12x16xf32>)
// LANES8: tensor.extract_slice %[[M]][0, 0] [12, 10] [1, 1]
// LANES8-NOT: tensor.pad
// LANES8: linalg.matmul ins(%arg2, %{{.*}} : tensor<4x64xf32>, tensor<64x8xf32>) outs(%{{.*}} : tensor<4x8xf32>)
// LANES8: linalg.matmul ins(%arg2, %{{.*}} : tensor<4x64xf32>, tensor<64x2xf32>) outs(%{{.*}} : tensor<4x2xf32>)
// LANES8-NOT: tensor.pad
// With 16 lanes and 8 x 32 tiles the 12 rows are padded to 16 columns the
// same way (then split as 8 + 4 rows, both reading the padded B), and 4
// rows (fewer than 8) stay whole.
// SIX-LABEL: func.func @padded_fill
// SIX: linalg.matmul ins(%arg0, %{{.*}} : tensor<12x64xf32>, tensor<64x16xf32>) outs(%{{.*}} : tensor<12x16xf32>)
// SIX: linalg.matmul ins(%arg2, %arg1 : tensor<4x64xf32>, tensor<64x10xf32>) outs(%{{.*}} : tensor<4x10xf32>)
// CHECK-LABEL: func.func @padded_fill
// CHECK: %[[PB:.*]] = tensor.pad %arg1 low[0, 0] high[0, 6]
// CHECK: linalg.matmul ins(%{{.*}}, %[[PB]] : tensor<8x64xf32>, tensor<64x16xf32>) outs(%{{.*}} : tensor<8x16xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %[[PB]] : tensor<4x64xf32>, tensor<64x16xf32>) outs(%{{.*}} : tensor<4x16xf32>)
// CHECK: linalg.matmul ins(%arg2, %arg1 : tensor<4x64xf32>, tensor<64x10xf32>) outs(%{{.*}} : tensor<4x10xf32>)
func.func @padded_fill(%a: tensor<12x64xf32>, %b: tensor<64x10xf32>, %x: tensor<4x64xf32>) -> (tensor<12x10xf32>, tensor<4x10xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<12x10xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<12x10xf32>) -> tensor<12x10xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<12x64xf32>, tensor<64x10xf32>) outs(%c : tensor<12x10xf32>) -> tensor<12x10xf32>
  %f = tensor.empty() : tensor<4x10xf32>
  %d = linalg.fill ins(%zero : f32) outs(%f : tensor<4x10xf32>) -> tensor<4x10xf32>
  %1 = linalg.matmul ins(%x, %b : tensor<4x64xf32>, tensor<64x10xf32>) outs(%d : tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0, %1 : tensor<12x10xf32>, tensor<4x10xf32>
}
