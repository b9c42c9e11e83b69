// RUN: nn-opt %s --inline | FileCheck %s

// nn ops are legal to inline (a custom layer disappears into its caller).
// CHECK-LABEL: func.func @caller
// CHECK-NOT: call
// CHECK: %{{.*}}, %[[M:.*]] = nn.masking
// CHECK: nn.global_avg_pool %{{.*}} mask %[[M]]
// CHECK-NOT: func.func private @layer
func.func private @layer(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %p = nn.global_avg_pool %d mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  return %p : tensor<3x1xf32>
}
func.func @caller(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %0 = func.call @layer(%x) : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}
