// RUN: nn-opt %s -split-input-file --nn-distinct-returned-buffers | FileCheck %s
// Through the rest of the bufferization stage (LLVM 22's
// buffer-results-to-out-params with hoist-static-allocs crashed on these):
// RUN: nn-opt %s -split-input-file --nn-distinct-returned-buffers \
// RUN:   --buffer-results-to-out-params="hoist-static-allocs modify-public-functions add-result-attr" \
// RUN:   --canonicalize --cse | FileCheck %s --check-prefix=OUT

// A buffer returned twice: the second result gets a copy of its own.
// CHECK-LABEL: func.func @twice
// CHECK:       %[[A:.*]] = memref.alloc() {alignment = 64 : i64} : memref<3x5xf32>
// CHECK:       linalg.exp ins(%{{.*}} : memref<3x5xf32>) outs(%[[A]] : memref<3x5xf32>)
// CHECK:       %[[C:.*]] = memref.alloc() : memref<3x5xf32>
// CHECK:       memref.copy %[[A]], %[[C]] : memref<3x5xf32> to memref<3x5xf32>
// CHECK:       return %[[A]], %[[C]]
// OUT-LABEL:   func.func @twice
// OUT-SAME:    (%[[X:.*]]: memref<3x5xf32>, %[[R0:.*]]: memref<3x5xf32> {bufferize.result}, %[[R1:.*]]: memref<3x5xf32> {bufferize.result})
// OUT-NEXT:    linalg.exp ins(%[[X]] : memref<3x5xf32>) outs(%[[R0]] : memref<3x5xf32>)
// OUT-NEXT:    memref.copy %[[R0]], %[[R1]]
// OUT-NEXT:    return
func.func @twice(%x: memref<3x5xf32>) -> (memref<3x5xf32>, memref<3x5xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<3x5xf32>
  linalg.exp ins(%x : memref<3x5xf32>) outs(%a : memref<3x5xf32>)
  return %a, %a : memref<3x5xf32>, memref<3x5xf32>
}

// -----

// Computed, argument, computed again: only the repeat is copied; an argument
// returned once is left to buffer-results-to-out-params (a copy).
// CHECK-LABEL: func.func @mixed
// CHECK:       %[[A:.*]] = memref.alloc() {alignment = 64 : i64}
// CHECK:       %[[C:.*]] = memref.alloc() : memref<3x5xf32>
// CHECK:       memref.copy %[[A]], %[[C]]
// CHECK:       return %[[A]], %{{.*}}, %[[C]]
// OUT-LABEL:   func.func @mixed
// OUT-SAME:    (%[[X:.*]]: memref<3x5xf32>, %[[R0:.*]]: memref<3x5xf32> {bufferize.result}, %[[R1:.*]]: memref<3x5xf32> {bufferize.result}, %[[R2:.*]]: memref<3x5xf32> {bufferize.result})
// OUT-DAG:     linalg.exp ins(%[[X]] : memref<3x5xf32>) outs(%[[R0]] : memref<3x5xf32>)
// OUT-DAG:     memref.copy %[[R0]], %[[R2]]
// OUT-DAG:     memref.copy %[[X]], %[[R1]]
func.func @mixed(%x: memref<3x5xf32>) -> (memref<3x5xf32>, memref<3x5xf32>, memref<3x5xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<3x5xf32>
  linalg.exp ins(%x : memref<3x5xf32>) outs(%a : memref<3x5xf32>)
  return %a, %x, %a : memref<3x5xf32>, memref<3x5xf32>, memref<3x5xf32>
}

// -----

// An argument returned twice; a dynamic size is read from the buffer.
// CHECK-LABEL: func.func @argument_twice
// CHECK:       %[[D:.*]] = memref.dim %[[X:.*]], %c1
// CHECK:       %[[C:.*]] = memref.alloc(%[[D]]) : memref<4x?xf32>
// CHECK:       memref.copy %[[X]], %[[C]]
// CHECK:       return %[[X]], %[[C]]
func.func @argument_twice(%x: memref<4x?xf32>) -> (memref<4x?xf32>, memref<4x?xf32>) {
  return %x, %x : memref<4x?xf32>, memref<4x?xf32>
}

// -----

// Distinct buffers are left alone.
// CHECK-LABEL: func.func @distinct
// CHECK-NOT:   memref.copy
// CHECK:       return %arg0, %arg1
func.func @distinct(%x: memref<2xf32>, %y: memref<2xf32>) -> (memref<2xf32>, memref<2xf32>) {
  return %x, %y : memref<2xf32>, memref<2xf32>
}
