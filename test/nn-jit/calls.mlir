// Several calls of one compiled function in one process: new values, same
// code (compiled=1). Expected values by hand: mean over time of each row.
// RUN: rm -rf %t.nn-jit-cache
// RUN: nn-jit %s --function=pool \
// RUN:   --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" \
// RUN:   --input="3x3x1xf32=[[[1],[2],[3]],[[4],[5],[6]],[[7],[8],[9]]]" \
// RUN:   --input="3x3x1xf32=0 0 0 3 3 3 -1.5 0 1.5" --cache-stats | FileCheck %s

// CHECK:      @pool
// CHECK-NEXT: result 0: tensor<3x1xf32>
// CHECK-NEXT: {{\[}}[2],
// CHECK-NEXT:  [-32],
// CHECK-NEXT:  [-65.66666]]
// CHECK-NEXT: @pool
// CHECK-NEXT: result 0: tensor<3x1xf32>
// CHECK-NEXT: {{\[}}[2],
// CHECK-NEXT:  [5],
// CHECK-NEXT:  [8]]
// CHECK-NEXT: @pool
// CHECK-NEXT: result 0: tensor<3x1xf32>
// CHECK-NEXT: {{\[}}[0],
// CHECK-NEXT:  [3],
// CHECK-NEXT:  [0]]
// CHECK-NEXT: cache: compiled=1 memory_hits=0 disk_hits=0

func.func @pool(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %0 = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// A second public function, so --function is needed.
func.func @double(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = arith.addf %x, %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
