// RUN: nn-opt %s -split-input-file -canonicalize="test-convergence=true" | FileCheck %s

// CHECK-LABEL: func.func @relu_idempotent
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[R:.*]] = nn.relu %[[X]]
// CHECK-NOT: nn.relu
// CHECK: return %[[R]]
func.func @relu_idempotent(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.relu %x : tensor<4xf32>
  %1 = nn.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_splat
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<4xf32>
// CHECK-DAG: %[[TWO:.*]] = arith.constant dense<2.500000e+00> : tensor<4xf32>
// CHECK-NOT: nn.relu
// CHECK: return %[[ZERO]], %[[TWO]]
func.func @relu_of_splat() -> (tensor<4xf32>, tensor<4xf32>) {
  %neg = arith.constant dense<-3.0> : tensor<4xf32>
  %pos = arith.constant dense<2.5> : tensor<4xf32>
  %0 = nn.relu %neg : tensor<4xf32>
  %1 = nn.relu %pos : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @relu_of_nan_splat
// CHECK: %[[NAN:.*]] = arith.constant dense<0x7FC00000> : tensor<2xf32>
// CHECK: return %[[NAN]]
func.func @relu_of_nan_splat() -> tensor<2xf32> {
  %nan = arith.constant dense<0x7FC00000> : tensor<2xf32>
  %0 = nn.relu %nan : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @dense_zero_bias
// CHECK: nn.dense %{{.*}}, %{{.*}} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
func.func @dense_zero_bias(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %b = arith.constant dense<0.0> : tensor<16xf32>
  %0 = nn.dense %x, %w, %b : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// A bias of -0.0 is not dropped: x.w + (-0.0) turns a -0.0 product into -0.0
// as well, but +0.0 + -0.0 = +0.0 differs from -0.0 in sign.
// CHECK-LABEL: func.func @dense_negative_zero_bias
// CHECK: nn.dense %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>)
func.func @dense_negative_zero_bias(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %b = arith.constant dense<-0.0> : tensor<16xf32>
  %0 = nn.dense %x, %w, %b : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @dense_nonzero_bias
// CHECK: nn.dense %{{.*}}, %{{.*}}, %{{.*}} :
func.func @dense_nonzero_bias(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %b = arith.constant dense<1.0> : tensor<16xf32>
  %0 = nn.dense %x, %w, %b : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @normalize_axes
// CHECK: nn.softmax %{{.*}} axis = 1 : tensor<4x10xf32>
// CHECK: nn.layer_norm %{{.*}} axis = 1 : (tensor<4x10xf32>) -> tensor<4x10xf32>
func.func @normalize_axes(%x: tensor<4x10xf32>) -> (tensor<4x10xf32>, tensor<4x10xf32>) {
  %0 = nn.softmax %x : tensor<4x10xf32>
  %1 = nn.layer_norm %x axis = -1 : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0, %1 : tensor<4x10xf32>, tensor<4x10xf32>
}

// -----

// CHECK-LABEL: func.func @pool_single_step
// CHECK: %[[A:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<3x1x5xf32> into tensor<3x5xf32>
// CHECK: %[[M:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<3x1x5xf32> into tensor<3x5xf32>
// CHECK-NOT: nn.global
func.func @pool_single_step(%x: tensor<3x1x5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>) {
  %0 = nn.global_avg_pool %x : (tensor<3x1x5xf32>) -> tensor<3x5xf32>
  %1 = nn.global_max_pool %x : (tensor<3x1x5xf32>) -> tensor<3x5xf32>
  return %0, %1 : tensor<3x5xf32>, tensor<3x5xf32>
}

// -----

// Ops are Pure: identical ops are merged and unused ones removed.
// CHECK-LABEL: func.func @pure
// CHECK-COUNT-1: nn.gelu
// CHECK-NOT: nn.tanh
func.func @pure(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = nn.gelu %x : tensor<4xf32>
  %1 = nn.gelu %x : tensor<4xf32>
  %2 = nn.tanh %x : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @mask_logic
// CHECK-SAME: (%[[A:.*]]: tensor<3xi1>)
// CHECK-NOT: nn.mask
// CHECK: return %[[A]], %[[A]], %[[A]]
func.func @mask_logic(%a: tensor<3xi1>) -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %0 = nn.mask_and %a, %a : tensor<3xi1>
  %1 = nn.mask_or %a, %a : tensor<3xi1>
  %n = nn.mask_not %a : tensor<3xi1>
  %2 = nn.mask_not %n : tensor<3xi1>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// Dropout with rate 0 is the identity.
// CHECK-LABEL: func.func @dropout_rate_zero
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %{{.*}}: !nn.key)
// CHECK-NOT: nn.dropout
// CHECK: return %[[X]]
func.func @dropout_rate_zero(%x: tensor<4xf32>, %k: !nn.key) -> tensor<4xf32> {
  %0 = nn.dropout %x, %k rate = 0.0 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
