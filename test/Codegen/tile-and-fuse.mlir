// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-tile-and-fuse,canonicalize,cse))" | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>

// The epilogue is the root: tiled 8x32, with the matmul and its fill fused
// into the tile loops; the matmul's k loop is then tiled by 1. The configs
// are gone afterwards.
// CHECK-LABEL: func.func @matmul_epilogue
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK: scf.for %{{.*}} = %[[C0]] to %[[C64]] step %[[C8]]
// CHECK:   scf.for %{{.*}} = %[[C0]] to %[[C128]] step %[[C32]]
// CHECK:     %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<8x32xf32>
// CHECK:     %[[ACC:.*]] = scf.for %{{.*}} = %[[C0]] to %{{.*}} step %[[C1]] iter_args(%[[A:.*]] = %[[FILL]])
// CHECK:       linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x1xf32>, tensor<1x32xf32>) outs(%[[A]] : tensor<8x32xf32>)
// CHECK:     linalg.generic {{.*}} ins(%[[ACC]], %{{.*}} : tensor<8x32xf32>, tensor<32xf32>)
// CHECK-NOT: nn.lowering_config
func.func @matmul_epilogue(%a: tensor<64x16xf32>, %b: tensor<16x128xf32>, %bias: tensor<128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<64x128xf32>
  %fill = linalg.fill {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>}
      ins(%zero : f32) outs(%empty : tensor<64x128xf32>) -> tensor<64x128xf32>
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>}
      ins(%a, %b : tensor<64x16xf32>, tensor<16x128xf32>) outs(%fill : tensor<64x128xf32>) -> tensor<64x128xf32>
  %out = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<64x128xf32>, tensor<128xf32>) outs(%empty : tensor<64x128xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 32], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  return %out : tensor<64x128xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// A consumer whose tile differs from the matmul's does not pull the matmul
// in (that would recompute it per tile); the matmul is tiled on its own.
// CHECK-LABEL: func.func @no_fusion_across_tiles
// CHECK: %[[MM:.*]] = scf.for
// CHECK:   linalg.matmul {{.*}} -> tensor<8x32xf32>
// CHECK: scf.for
// CHECK:   tensor.extract_slice %[[MM]]
// CHECK:   linalg.generic {{.*}} ins(%{{.*}} : tensor<1x16xf32>)
func.func @no_fusion_across_tiles(%a: tensor<16x4xf32>, %b: tensor<4x32xf32>, %init: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %mm = linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 0]>}
      ins(%a, %b : tensor<16x4xf32>, tensor<4x32xf32>) outs(%init : tensor<16x32xf32>) -> tensor<16x32xf32>
  %neg = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm : tensor<16x32xf32>) outs(%init : tensor<16x32xf32>)
      attrs = {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 16], reduction_tile_sizes = [0, 0]>} {
  ^bb0(%x: f32, %o: f32):
    %n = arith.negf %x : f32
    linalg.yield %n : f32
  } -> tensor<16x32xf32>
  return %neg : tensor<16x32xf32>
}
