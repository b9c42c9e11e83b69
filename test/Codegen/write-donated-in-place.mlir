// RUN: nn-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(nn-write-donated-in-place))' | FileCheck %s
// Then bufferized as nn-bufferize does: the donated results are the
// arguments' buffers, updated in place, and no outputs.
// RUN: nn-opt %s -split-input-file --pass-pipeline='builtin.module(func.func(nn-write-donated-in-place),canonicalize,one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},canonicalize,nn-drop-donated-results,buffer-results-to-out-params{hoist-static-allocs modify-public-functions add-result-attr},canonicalize,cse)' \
// RUN:   | FileCheck %s --check-prefix=BUF

// An SGD update, p - 0.5 g: the parameter becomes the generic's init, read
// through the output block argument; the gradient is not writable.
// CHECK-LABEL: func.func @sgd
// CHECK-SAME:  (%[[P:.*]]: tensor<2x3xf32> {bufferization.writable = true}, %[[G:.*]]: tensor<2x3xf32> {bufferization.writable = false})
// CHECK:       %[[R:.*]] = linalg.generic {{.*}} ins(%[[G]] : tensor<2x3xf32>) outs(%[[P]] : tensor<2x3xf32>)
// CHECK-NEXT:  ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT:    %[[M:.*]] = arith.mulf %[[IN]], %{{.*}} : f32
// CHECK-NEXT:    %[[S:.*]] = arith.subf %[[OUT]], %[[M]] : f32
// CHECK-NEXT:    linalg.yield %[[S]]
// CHECK:       return %[[R]]
// BUF-LABEL:   func.func @sgd
// BUF-SAME:    (%[[P:.*]]: memref<2x3xf32>, %[[G:.*]]: memref<2x3xf32>) {
// BUF-NOT:     memref.alloc
// BUF-NOT:     memref.copy
// BUF:         linalg.generic {{.*}} ins(%[[G]] : memref<2x3xf32>) outs(%[[P]] : memref<2x3xf32>)
// BUF-NOT:     memref.copy
// BUF:         return{{$}}
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @sgd(%p: tensor<2x3xf32>, %g: tensor<2x3xf32>)
    -> (tensor<2x3xf32> {nn.donated_from = 0 : i64}) {
  %half = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%p, %g : tensor<2x3xf32>, tensor<2x3xf32>) outs(%e : tensor<2x3xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %b, %half : f32
    %s = arith.subf %a, %m : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// Two results of one generic (a parameter and its moment, as Adam's update
// writes them), each into its own argument; a count from from_elements
// becomes an insert into its argument. The last result is not donated: an
// out-parameter with a copy of the argument it returns.
// CHECK-LABEL: func.func @two
// CHECK-SAME:  (%[[G:.*]]: tensor<4xf32> {bufferization.writable = false}, %[[P:.*]]: tensor<4xf32> {bufferization.writable = true}, %[[M:.*]]: tensor<4xf32> {bufferization.writable = true}, %[[T:.*]]: tensor<i32> {bufferization.writable = true})
// CHECK:       %[[R:.*]]:2 = linalg.generic {{.*}} ins(%[[G]] : tensor<4xf32>) outs(%[[P]], %[[M]] : tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT:  ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32, %[[OUT2:.*]]: f32):
// CHECK-NEXT:    %[[M1:.*]] = arith.addf %[[OUT2]], %[[IN]] : f32
// CHECK-NEXT:    %[[S:.*]] = arith.subf %[[OUT]], %[[M1]] : f32
// CHECK-NEXT:    linalg.yield %[[S]], %[[M1]]
// CHECK:       %[[X:.*]] = tensor.extract %[[T]][]
// CHECK:       %[[Y:.*]] = arith.addi %[[X]]
// CHECK:       %[[N:.*]] = tensor.insert %[[Y]] into %[[T]][] : tensor<i32>
// CHECK:       return %[[R]]#0, %[[R]]#1, %[[N]], %[[G]]
// BUF-LABEL:   func.func @two
// BUF-SAME:    (%[[G:.*]]: memref<4xf32>, %[[P:.*]]: memref<4xf32>, %[[M:.*]]: memref<4xf32>, %[[T:.*]]: memref<i32>, %[[OUT:.*]]: memref<4xf32> {bufferize.result}) {
// BUF:         linalg.generic {{.*}} ins(%[[G]] : memref<4xf32>) outs(%[[P]], %[[M]] : memref<4xf32>, memref<4xf32>)
// BUF:         %[[X:.*]] = memref.load %[[T]][]
// BUF:         %[[Y:.*]] = arith.addi %[[X]]
// BUF:         memref.store %[[Y]], %[[T]][]
// BUF-NEXT:    memref.copy %[[G]], %[[OUT]]
// BUF-NEXT:    return{{$}}
#vec = affine_map<(d0) -> (d0)>
func.func @two(%g: tensor<4xf32>, %p: tensor<4xf32>, %m: tensor<4xf32>, %t: tensor<i32>)
    -> (tensor<4xf32> {nn.donated_from = 1 : i64}, tensor<4xf32> {nn.donated_from = 2 : i64},
        tensor<i32> {nn.donated_from = 3 : i64}, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %r:2 = linalg.generic {indexing_maps = [#vec, #vec, #vec, #vec, #vec], iterator_types = ["parallel"]}
      ins(%p, %g, %m : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) outs(%e, %e : tensor<4xf32>, tensor<4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32, %o: f32, %o2: f32):
    %m1 = arith.addf %c, %b : f32
    %s = arith.subf %a, %m1 : f32
    linalg.yield %s, %m1 : f32, f32
  } -> (tensor<4xf32>, tensor<4xf32>)
  %x = tensor.extract %t[] : tensor<i32>
  %one = arith.constant 1 : i32
  %y = arith.addi %x, %one : i32
  %n = tensor.from_elements %y : tensor<i32>
  return %r#0, %r#1, %n, %g : tensor<4xf32>, tensor<4xf32>, tensor<i32>, tensor<4xf32>
}

// -----

// p + p^T reads elements of p that an in-place update would already have
// overwritten: the generic is left as it is, bufferization computes it in a
// buffer of its own, and nn-drop-donated-results copies that into p.
// CHECK-LABEL: func.func @transposed
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<3x3xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<3x3xf32>)
// BUF-LABEL:   func.func @transposed
// BUF-SAME:    (%[[P:.*]]: memref<3x3xf32>) {
// BUF:         %[[A:.*]] = memref.alloc()
// BUF:         linalg.generic {{.*}} ins(%[[P]], %[[P]] : memref<3x3xf32>, memref<3x3xf32>) outs(%[[A]] : memref<3x3xf32>)
// BUF:         memref.copy %[[A]], %[[P]]
// BUF-NEXT:    return{{$}}
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed(%p: tensor<3x3xf32>) -> (tensor<3x3xf32> {nn.donated_from = 0 : i64}) {
  %e = tensor.empty() : tensor<3x3xf32>
  %r = linalg.generic {indexing_maps = [#id2, #tr, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%p, %p : tensor<3x3xf32>, tensor<3x3xf32>) outs(%e : tensor<3x3xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

// -----

// Without donations, a public function's tensor arguments are read-only: an
// op that would write one in place writes a copy.
// CHECK-LABEL: func.func @not_donated
// CHECK-SAME:  (%{{.*}}: tensor<4xf32> {bufferization.writable = false})
// BUF-LABEL:   func.func @not_donated
// BUF-SAME:    (%[[X:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<4xf32> {bufferize.result}) {
// BUF:         memref.copy %[[X]], %[[OUT]]
// BUF:         memref.store %{{.*}}, %[[OUT]][%{{.*}}]
func.func @not_donated(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1.0 : f32
  %r = tensor.insert %one into %x[%c0] : tensor<4xf32>
  return %r : tensor<4xf32>
}
