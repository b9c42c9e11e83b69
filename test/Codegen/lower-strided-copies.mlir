// RUN: nn-opt %s --nn-lower-strided-copies | FileCheck %s

// A copy out of a matrix column becomes a linalg.copy (then loops); a copy
// between contiguous buffers stays a memref.copy (a memcpy).
// CHECK-LABEL: func.func @column
// CHECK-SAME: (%[[A:.*]]: memref<3x3xf32>, %[[B:.*]]: memref<3x4xf32>, %[[C:.*]]: memref<3x3xf32>)
// CHECK: %[[SRC:.*]] = memref.subview %[[A]]
// CHECK: %[[DST:.*]] = memref.subview %[[B]]
// CHECK: linalg.copy ins(%[[SRC]] : memref<3xf32, strided<[3]>>) outs(%[[DST]] : memref<3xf32, strided<[4]>>)
// CHECK-NOT: memref.copy %[[SRC]]
// CHECK: memref.copy %[[A]], %[[C]] : memref<3x3xf32> to memref<3x3xf32>
func.func @column(%a: memref<3x3xf32>, %b: memref<3x4xf32>, %c: memref<3x3xf32>) {
  %src = memref.subview %a[0, 0] [3, 1] [1, 1] : memref<3x3xf32> to memref<3xf32, strided<[3]>>
  %dst = memref.subview %b[0, 0] [3, 1] [1, 1] : memref<3x4xf32> to memref<3xf32, strided<[4]>>
  memref.copy %src, %dst : memref<3xf32, strided<[3]>> to memref<3xf32, strided<[4]>>
  memref.copy %a, %c : memref<3x3xf32> to memref<3x3xf32>
  return
}
