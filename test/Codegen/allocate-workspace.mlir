// RUN: nn-opt %s -split-input-file --nn-allocate-workspace --cse | FileCheck %s
// RUN: nn-opt %s -split-input-file --nn-lower-to-llvm=use-workspace 2>&1 | FileCheck %s --check-prefix=LLVM

// Intermediates become views of the workspace at 64-byte aligned offsets:
// 4x128xf32 = 2048 bytes at 0, 4x10xf32 = 160 bytes at 2048, then one slot
// for the buffer allocated in the loop (reused by every iteration) at 2240.
// CHECK-LABEL: func.func @entry(
// CHECK-SAME: %{{.*}}: memref<4x10xf32>, %[[WS:.*]]: memref<2304xi8> {nn.workspace})
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C2048:.*]] = arith.constant 2048 : index
// CHECK-DAG: %[[C2240:.*]] = arith.constant 2240 : index
// CHECK: memref.view %[[WS]][%[[C0]]][] : memref<2304xi8> to memref<4x128xf32>
// CHECK: memref.view %[[WS]][%[[C2048]]][] : memref<2304xi8> to memref<4x10xf32>
// CHECK: scf.for
// CHECK:   memref.view %[[WS]][%[[C2240]]][] : memref<2304xi8> to memref<1xf32>
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.dealloc
// CHECK: llvm.mlir.global external constant @_nn_workspace_size_entry(2304 : i64)
func.func @entry(%out: memref<4x10xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %f = arith.constant 1.0 : f32
  %a = memref.alloc() {alignment = 64 : i64} : memref<4x128xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<4x10xf32>
  memref.store %f, %a[%c0, %c0] : memref<4x128xf32>
  memref.store %f, %b[%c0, %c0] : memref<4x10xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    %t = memref.alloc() : memref<1xf32>
    memref.store %f, %t[%c0] : memref<1xf32>
    memref.dealloc %t : memref<1xf32>
  }
  memref.copy %b, %out : memref<4x10xf32> to memref<4x10xf32>
  memref.dealloc %a : memref<4x128xf32>
  memref.dealloc %b : memref<4x10xf32>
  return
}

// -----

// A buffer that escapes (returned) keeps its allocation; private functions
// are left alone; a function without intermediates gets an empty workspace.
// CHECK-LABEL: func.func @escapes(
// CHECK-SAME: %{{.*}}: memref<0xi8> {nn.workspace}) -> memref<4xf32>
// CHECK: memref.alloc() : memref<4xf32>
// CHECK-LABEL: func.func private @helper(
// CHECK-NOT: nn.workspace
// CHECK: memref.alloc
func.func @escapes() -> memref<4xf32> {
  %a = memref.alloc() : memref<4xf32>
  return %a : memref<4xf32>
}
func.func private @helper() {
  %a = memref.alloc() : memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  return
}

// -----

// Through the whole pipeline, the MLP's entry point calls no malloc.
// LLVM-LABEL: llvm.func @mlp(
// LLVM-NOT: llvm.call @malloc
// LLVM: llvm.mlir.global external constant @_nn_workspace_size_mlp
func.func @mlp(%x: tensor<4x784xf32>, %w1: tensor<784x128xf32>, %b1: tensor<128xf32>,
               %w2: tensor<128x10xf32>, %b2: tensor<10xf32>) -> tensor<4x10xf32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<4x784xf32>, tensor<784x128xf32>, tensor<128xf32>) -> tensor<4x128xf32>
  %a = nn.relu %h : tensor<4x128xf32>
  %o = nn.dense %a, %w2, %b2 : (tensor<4x128xf32>, tensor<128x10xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  %p = nn.softmax %o : tensor<4x10xf32>
  return %p : tensor<4x10xf32>
}

// -----

// Buffers of a loop whose iterations run on several threads are never
// workspace slots (threads would share them): a small one becomes a stack
// buffer at the start of the parallel body (one per iteration, reused by the
// sequential loop inside); one over 512 KiB stays on the heap (freed later by
// the deallocation pipeline). The workspace is then empty.
// CHECK-LABEL: func.func @parallel(
// CHECK-SAME: %{{.*}}: memref<4x8xf32>, %{{.*}}: memref<0xi8> {nn.workspace})
// CHECK: scf.forall
// CHECK-NEXT: %[[PANEL:.*]] = memref.alloca() {alignment = 64 : i64} : memref<16x32xf32>
// CHECK: scf.for
// CHECK:   memref.store %{{.*}}, %[[PANEL]]
// CHECK:   memref.alloc() : memref<512x257xf32>
func.func @parallel(%out: memref<4x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %f = arith.constant 1.0 : f32
  scf.forall (%i) in (4) {
    scf.for %j = %c0 to %c4 step %c1 {
      %panel = memref.alloc() {alignment = 64 : i64} : memref<16x32xf32>
      memref.store %f, %panel[%c0, %c0] : memref<16x32xf32>
      %big = memref.alloc() : memref<512x257xf32>
      memref.store %f, %big[%c0, %c0] : memref<512x257xf32>
      %v = memref.load %panel[%c0, %c0] : memref<16x32xf32>
      %w = memref.load %big[%c0, %c0] : memref<512x257xf32>
      %s = arith.addf %v, %w : f32
      memref.store %s, %out[%i, %j] : memref<4x8xf32>
    }
  }
  return
}
