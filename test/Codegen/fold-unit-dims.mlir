// RUN: nn-opt %s --nn-fold-unit-dims --split-input-file | FileCheck %s

// A reduction over the outer loop, tiled one step per iteration: the unit
// loop is dropped and the carried accumulator stays the op's `outs`, so it
// is updated in place (upstream's pass would read it as an input and write a
// new tensor.empty, which one-shot bufferization rejects inside scf.for).
// CHECK-LABEL: func.func @outer_reduction
// CHECK:         scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<3xf32>)
// CHECK:           %[[ROW:.*]] = tensor.extract_slice %{{.*}}[0, 0] [1, 3] [1, 1] : tensor<1x3xf32> to tensor<3xf32>
// CHECK:           %[[MAX:.*]] = linalg.generic
// CHECK-SAME:        iterator_types = ["parallel"]
// CHECK-SAME:        ins(%[[ROW]] : tensor<3xf32>) outs(%[[ACC]] : tensor<3xf32>)
// CHECK:           scf.yield %[[MAX]]
// CHECK-NOT:     tensor.empty
func.func @outer_reduction(%x: tensor<4x3xf32>, %init: tensor<3xf32>) -> tensor<3xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %init) -> (tensor<3xf32>) {
    %row = tensor.extract_slice %x[%i, 0] [1, 3] [1, 1] : tensor<4x3xf32> to tensor<1x3xf32>
    %m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>],
                         iterator_types = ["reduction", "parallel"]}
        ins(%row : tensor<1x3xf32>) outs(%acc : tensor<3xf32>) {
    ^bb0(%in: f32, %out: f32):
      %v = arith.maxnumf %out, %in : f32
      linalg.yield %v : f32
    } -> tensor<3xf32>
    scf.yield %m : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// -----

// One row of an elementwise op becomes a 1-D op on rank-reducing slices.
// CHECK-LABEL: func.func @one_row
// CHECK:         %[[IN:.*]] = tensor.extract_slice %{{.*}}[0, 0] [1, 8] [1, 1] : tensor<1x8xf32> to tensor<8xf32>
// CHECK:         %[[EXP:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = ["parallel"]
// CHECK-SAME:      ins(%[[IN]] : tensor<8xf32>)
// CHECK:         tensor.insert_slice %[[EXP]] into %{{.*}}[0, 0] [1, 8] [1, 1] : tensor<8xf32> into tensor<1x8xf32>
func.func @one_row(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %e = tensor.empty() : tensor<1x8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<1x8xf32>) outs(%e : tensor<1x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}
