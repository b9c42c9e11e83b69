// nn-vjp against nn-jvp for every nn op: <ct, J t> = <J^T ct, t> on random
// primals, tangents and cotangents (Inputs/vjp_identity.py; relative
// tolerance 1e-4 in float64 over float32 results). nn-jvp is checked
// against analytic derivatives in jvp.mlir.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/vjp_identity.py %nn_obj_root/bin/nn-jit %s %t \
// RUN:   dense relu_twice gelu tanh_sigmoid softmax masked_softmax layer_norm \
// RUN:   avg_pool max_pool attention embedding dropout:training masking_pool losses \
// RUN:   | FileCheck %s
// CHECK: IDENTITY dense OK
// CHECK: IDENTITY relu_twice OK
// CHECK: IDENTITY gelu OK
// CHECK: IDENTITY tanh_sigmoid OK
// CHECK: IDENTITY softmax OK
// CHECK: IDENTITY masked_softmax OK
// CHECK: IDENTITY layer_norm OK
// CHECK: IDENTITY avg_pool OK
// CHECK: IDENTITY max_pool OK
// CHECK: IDENTITY attention OK
// CHECK: IDENTITY embedding OK
// CHECK: IDENTITY dropout OK
// CHECK: IDENTITY masking_pool OK
// CHECK: IDENTITY losses OK

func.func @dense(%x: tensor<3x4xf32>, %w: tensor<4x5xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = nn.dense %x, %w, %b : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// A value with two uses sums their cotangents; two results.
func.func @relu_twice(%x: tensor<2x6xf32>) -> (tensor<2x6xf32>, tensor<2x6xf32>) {
  %0 = nn.relu %x : tensor<2x6xf32>
  %1 = arith.mulf %0, %x : tensor<2x6xf32>
  return %1, %0 : tensor<2x6xf32>, tensor<2x6xf32>
}

func.func @gelu(%x: tensor<2x6xf32>) -> (tensor<2x6xf32>, tensor<2x6xf32>) {
  %0 = nn.gelu %x : tensor<2x6xf32>
  %1 = nn.gelu %x approximation = tanh : tensor<2x6xf32>
  return %0, %1 : tensor<2x6xf32>, tensor<2x6xf32>
}

func.func @tanh_sigmoid(%x: tensor<2x6xf32>) -> tensor<2x6xf32> {
  %0 = nn.tanh %x : tensor<2x6xf32>
  %1 = nn.sigmoid %0 : tensor<2x6xf32>
  return %1 : tensor<2x6xf32>
}

// Over the last axis and a middle one.
func.func @softmax(%x: tensor<3x7x2xf32>) -> (tensor<3x7x2xf32>, tensor<3x7x2xf32>) {
  %0 = nn.softmax %x : tensor<3x7x2xf32>
  %1 = nn.softmax %x axis = 1 : tensor<3x7x2xf32>
  return %0, %1 : tensor<3x7x2xf32>, tensor<3x7x2xf32>
}

func.func @masked_softmax(%x: tensor<3x7xf32>, %m: tensor<3x7xi1>) -> tensor<3x7xf32> {
  %0 = nn.softmax %x mask %m : tensor<3x7xf32>, tensor<3x7xi1>
  return %0 : tensor<3x7xf32>
}

func.func @layer_norm(%x: tensor<3x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<3x8xf32> {
  %0 = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-03
      : (tensor<3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<3x8xf32>
  return %0 : tensor<3x8xf32>
}

func.func @avg_pool(%x: tensor<2x5x3xf32>, %m: tensor<2x5xi1>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x5x3xf32>, tensor<2x5xi1>) -> tensor<2x3xf32>
  %1 = nn.global_avg_pool %x : (tensor<2x5x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

func.func @max_pool(%x: tensor<2x5x3xf32>, %m: tensor<2x5xi1>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = nn.global_max_pool %x mask %m : (tensor<2x5x3xf32>, tensor<2x5xi1>) -> tensor<2x3xf32>
  %1 = nn.global_max_pool %x : (tensor<2x5x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

func.func @attention(%q: tensor<1x2x4x3xf32>, %k: tensor<1x2x5x3xf32>, %v: tensor<1x2x5x2xf32>,
                     %m: tensor<4x5xi1>, %kp: tensor<1x5xi1>) -> tensor<1x2x4x2xf32> {
  %0 = nn.attention %q, %k, %v mask %m key_padding_mask %kp causal
      : (tensor<1x2x4x3xf32>, tensor<1x2x5x3xf32>, tensor<1x2x5x2xf32>, tensor<4x5xi1>, tensor<1x5xi1>) -> tensor<1x2x4x2xf32>
  return %0 : tensor<1x2x4x2xf32>
}

// With respect to the table: the gather becomes a scatter-add (ids repeat).
func.func @embedding(%ids: tensor<2x6xi32>, %table: tensor<5x3xf32>) -> tensor<2x6x3xf32> {
  %0 = nn.embedding %ids, %table : (tensor<2x6xi32>, tensor<5x3xf32>) -> tensor<2x6x3xf32>
  return %0 : tensor<2x6x3xf32>
}

// The backward pass recomputes the keep pattern from the key.
func.func @dropout(%x: tensor<4x8xf32>, %k: !nn.key) -> tensor<4x8xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<4x8xf32>
  %1 = nn.tanh %0 : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

func.func @masking_pool(%x: tensor<2x4x3xf32>, %w: tensor<3x3xf32>) -> tensor<2x3xf32> {
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x4x3xf32> -> tensor<2x4x3xf32>, tensor<2x4xi1>
  %h = nn.dense %d, %w : (tensor<2x4x3xf32>, tensor<3x3xf32>) -> tensor<2x4x3xf32>
  %p = nn.global_avg_pool %h : (tensor<2x4x3xf32>) -> tensor<2x3xf32>
  return %p : tensor<2x3xf32>
}

// The losses, masked and weighted (labels in range: the vocabulary is 5).
func.func @losses(%x: tensor<3x5xf32>, %l: tensor<3xi32>, %m: tensor<3xi1>, %w: tensor<3xf32>,
                  %t: tensor<3x5xf32>) -> (tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>) {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m : (tensor<3x5xf32>, tensor<3xi32>, tensor<3xi1>) -> tensor<f32>
  %1 = nn.mean_squared_error %x, %t sample_weight %w : (tensor<3x5xf32>, tensor<3x5xf32>, tensor<3xf32>) -> tensor<f32>
  %2 = nn.sigmoid_binary_cross_entropy %x, %t mask %m : (tensor<3x5xf32>, tensor<3x5xf32>, tensor<3xi1>) -> tensor<f32>
  %3 = nn.softmax_cross_entropy %x, %t reduction = sum : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<f32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>
}
