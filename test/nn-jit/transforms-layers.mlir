// nn-jvp, nn-vjp and nn-vmap of the layer ops against PyTorch: float64
// autograd gives the tangents (J t) and cotangents (J^T ct), the model run
// once per example gives vmap's results (Inputs/torch_ops.py writes them,
// in its own process); the transpose identity <ct, J t> = <J^T ct, t> ties
// our nn-jvp to our nn-vjp (Inputs/transform_check.py, tolerances there).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/torch_ops.py %t dense dense_nobias activations softmax \
// RUN:   softmax_empty_row layer_norm pools
// RUN: %python %S/Inputs/transform_check.py %nn_obj_root/bin/nn-jit %s %t dense dense_nobias \
// RUN:   activations softmax softmax_empty_row:no-vjp layer_norm pools \
// RUN:   | FileCheck %s --implicit-check-not=FAIL

// CHECK: CASE dense jvp OK
// CHECK: CASE dense vjp OK
// CHECK: CASE dense identity OK
// CHECK: CASE dense vmap OK
func.func @dense(%x: tensor<3x4xf32>, %w: tensor<4x5xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = nn.dense %x, %w, %b : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// A 3-D input without bias; vmap over axis 1 of x and axis 0 of the kernel.
// CHECK: CASE dense_nobias jvp OK
// CHECK: CASE dense_nobias vjp OK
// CHECK: CASE dense_nobias identity OK
// CHECK: CASE dense_nobias vmap OK
func.func @dense_nobias(%x: tensor<2x3x4xf32>, %w: tensor<4x2xf32>) -> tensor<2x3x2xf32> {
  %0 = nn.dense %x, %w : (tensor<2x3x4xf32>, tensor<4x2xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}

// CHECK: CASE activations jvp OK
// CHECK: CASE activations vjp OK
// CHECK: CASE activations identity OK
// CHECK: CASE activations vmap OK
func.func @activations(%x: tensor<2x6xf32>) -> (tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>) {
  %0 = nn.relu %x : tensor<2x6xf32>
  %1 = nn.gelu %x : tensor<2x6xf32>
  %2 = nn.gelu %x approximation = tanh : tensor<2x6xf32>
  %3 = nn.tanh %x : tensor<2x6xf32>
  %4 = nn.sigmoid %x : tensor<2x6xf32>
  return %0, %1, %2, %3, %4 : tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>
}

// The last axis, a middle one, and a [q, k] mask broadcast over the batch.
// CHECK: CASE softmax jvp OK
// CHECK: CASE softmax vjp OK
// CHECK: CASE softmax identity OK
// CHECK: CASE softmax vmap OK
func.func @softmax(%x: tensor<2x4x5xf32>, %m: tensor<4x5xi1>) -> (tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<2x4x5xf32>) {
  %0 = nn.softmax %x : tensor<2x4x5xf32>
  %1 = nn.softmax %x axis = 1 : tensor<2x4x5xf32>
  %2 = nn.softmax %x mask %m : tensor<2x4x5xf32>, tensor<4x5xi1>
  return %0, %1, %2 : tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<2x4x5xf32>
}

// A mask with a row masked everywhere (zeros there, whatever x). Its nn-vjp
// was NaN there: vjp-softmax-empty-row.mlir.
// CHECK: CASE softmax_empty_row jvp OK
// CHECK: CASE softmax_empty_row vmap OK
func.func @softmax_empty_row(%x: tensor<2x4x5xf32>, %m: tensor<4x5xi1>) -> tensor<2x4x5xf32> {
  %0 = nn.softmax %x mask %m : tensor<2x4x5xf32>, tensor<4x5xi1>
  return %0 : tensor<2x4x5xf32>
}

// vmap over axis 1 of x.
// CHECK: CASE layer_norm jvp OK
// CHECK: CASE layer_norm vjp OK
// CHECK: CASE layer_norm identity OK
// CHECK: CASE layer_norm vmap OK
func.func @layer_norm(%x: tensor<3x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> (tensor<3x8xf32>, tensor<3x8xf32>) {
  %0 = nn.layer_norm %x scale %g offset %b : (tensor<3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<3x8xf32>
  %1 = nn.layer_norm %x axis = 0 epsilon = 1.0e-05 : (tensor<3x8xf32>) -> tensor<3x8xf32>
  return %0, %1 : tensor<3x8xf32>, tensor<3x8xf32>
}

// Masked (one row masked everywhere pools to 0) and plain.
// CHECK: CASE pools jvp OK
// CHECK: CASE pools vjp OK
// CHECK: CASE pools identity OK
// CHECK: CASE pools vmap OK
func.func @pools(%x: tensor<2x5x3xf32>, %m: tensor<2x5xi1>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x5x3xf32>, tensor<2x5xi1>) -> tensor<2x3xf32>
  %1 = nn.global_avg_pool %x : (tensor<2x5x3xf32>) -> tensor<2x3xf32>
  %2 = nn.global_max_pool %x mask %m : (tensor<2x5x3xf32>, tensor<2x5xi1>) -> tensor<2x3xf32>
  %3 = nn.global_max_pool %x : (tensor<2x5x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
