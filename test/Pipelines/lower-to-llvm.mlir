// RUN: nn-opt %s --nn-lower-to-llvm | FileCheck %s
// RUN: nn-opt %s --nn-lower-to-linalg --nn-tile-and-vectorize --nn-bufferize | FileCheck %s --check-prefix=BUFFERS

// The dense layer reaches the LLVM dialect with its hot loop as 32-lane FMAs,
// the result as a caller-owned out-parameter, and a C-interface wrapper.
// CHECK-LABEL: llvm.func @dense(
// CHECK: llvm.intr.fmuladd({{.*}}) : (vector<32xf32>, vector<32xf32>, vector<32xf32>) -> vector<32xf32>
// CHECK-NOT: llvm.call @malloc
// CHECK-LABEL: llvm.func @_mlir_ciface_dense(
// CHECK-NOT: nn.
// CHECK-NOT: linalg.
// CHECK-NOT: vector.

// No allocation, no copy: the result is written into the out-parameter.
// BUFFERS-LABEL: func.func @dense(
// BUFFERS-SAME: %{{.*}}: memref<64x64xf32>, %{{.*}}: memref<64x64xf32>, %{{.*}}: memref<64xf32>, %[[OUT:.*]]: memref<64x64xf32> {bufferize.result})
// BUFFERS-NOT: memref.alloc
// BUFFERS-NOT: memref.copy
// BUFFERS: vector.transfer_write %{{.*}}, %[[OUT]]
// BUFFERS: return
// BUFFERS-NEXT: }
func.func @dense(%x: tensor<64x64xf32>, %w: tensor<64x64xf32>, %b: tensor<64xf32>) -> tensor<64x64xf32> {
  %0 = nn.dense %x, %w, %b : (tensor<64x64xf32>, tensor<64x64xf32>, tensor<64xf32>) -> tensor<64x64xf32>
  %1 = nn.relu %0 : tensor<64x64xf32>
  return %1 : tensor<64x64xf32>
}
