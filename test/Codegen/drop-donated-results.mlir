// RUN: nn-opt %s -split-input-file -verify-diagnostics --nn-drop-donated-results | FileCheck %s

// Updated in place (what nn-write-donated-in-place leads to): the result is
// the argument, so it is dropped and nothing is copied.
// CHECK-LABEL: func.func @in_place
// CHECK-SAME:  (%[[P:.*]]: memref<4xf32>, %[[G:.*]]: memref<4xf32>) -> (memref<f32> {nn.name = "loss"}) {
// CHECK-NOT:   memref.copy
// CHECK:       return %{{.*}} : memref<f32>
func.func @in_place(%p: memref<4xf32>, %g: memref<4xf32>)
    -> (memref<4xf32> {nn.donated_from = 0 : i64, nn.name = "p"}, memref<f32> {nn.name = "loss"}) {
  linalg.sub ins(%p, %g : memref<4xf32>, memref<4xf32>) outs(%p : memref<4xf32>)
  %loss = memref.alloc() : memref<f32>
  return %p, %loss : memref<4xf32>, memref<f32>
}

// -----

// Computed elsewhere (bufferization could not update in place): copied into
// the argument at the end, after a result that returns the argument's old
// value has been copied aside.
// CHECK-LABEL: func.func @copied
// CHECK-SAME:  (%[[P:.*]]: memref<4xf32>, %[[G:.*]]: memref<4xf32>) -> memref<4xf32> {
// CHECK:       %[[NEW:.*]] = memref.alloc() : memref<4xf32>
// CHECK:       linalg.sub ins(%[[P]], %[[G]] : memref<4xf32>, memref<4xf32>) outs(%[[NEW]] : memref<4xf32>)
// CHECK-NEXT:  %[[OLD:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT:  memref.copy %[[P]], %[[OLD]]
// CHECK-NEXT:  memref.copy %[[NEW]], %[[P]]
// CHECK-NEXT:  return %[[OLD]] : memref<4xf32>
func.func @copied(%p: memref<4xf32>, %g: memref<4xf32>)
    -> (memref<4xf32> {nn.donated_from = 0 : i64}, memref<4xf32>) {
  %new = memref.alloc() : memref<4xf32>
  linalg.sub ins(%p, %g : memref<4xf32>, memref<4xf32>) outs(%new : memref<4xf32>)
  return %new, %p : memref<4xf32>, memref<4xf32>
}

// -----

// Donation is for entry functions: a caller would lose the result.
// expected-error @+1 {{'func.func' op has donated results (nn.donated_from) and is called in the module; donation is for entry functions, whose caller keeps the argument buffers}}
func.func @callee(%p: memref<4xf32>) -> (memref<4xf32> {nn.donated_from = 0 : i64}) {
  return %p : memref<4xf32>
}

func.func @caller(%p: memref<4xf32>) -> memref<4xf32> {
  %r = call @callee(%p) : (memref<4xf32>) -> memref<4xf32>
  return %r : memref<4xf32>
}
