// nn-jvp, nn-vjp and nn-vmap of the four losses (masks, sample weights,
// reductions) against PyTorch float64 autograd and per-example runs
// (Inputs/torch_ops.py, in its own process, from docs/Losses.md's
// formulas), and the transpose identity between our nn-jvp and nn-vjp
// (Inputs/transform_check.py). Every f32 argument is differentiated:
// targets, labels in [0, 1] and sample weights too.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/torch_ops.py %t sparse_ce softmax_ce sigmoid_bce mse
// RUN: %python %S/Inputs/transform_check.py %nn_obj_root/bin/nn-jit %s %t \
// RUN:   sparse_ce softmax_ce sigmoid_bce mse | FileCheck %s --implicit-check-not=FAIL

// [batch, time, classes] logits, i64 labels, a timestep mask and weights.
// CHECK: CASE sparse_ce jvp OK
// CHECK: CASE sparse_ce vjp OK
// CHECK: CASE sparse_ce identity OK
// CHECK: CASE sparse_ce vmap OK
func.func @sparse_ce(%x: tensor<2x3x5xf32>, %l: tensor<2x3xi64>, %m: tensor<2x3xi1>, %w: tensor<2x3xf32>) -> (tensor<f32>, tensor<2x3xf32>, tensor<f32>) {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m sample_weight %w : (tensor<2x3x5xf32>, tensor<2x3xi64>, tensor<2x3xi1>, tensor<2x3xf32>) -> tensor<f32>
  %1 = nn.sparse_softmax_cross_entropy %x, %l reduction = none : (tensor<2x3x5xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  %2 = nn.sparse_softmax_cross_entropy %x, %l mask %m reduction = sum : (tensor<2x3x5xf32>, tensor<2x3xi64>, tensor<2x3xi1>) -> tensor<f32>
  return %0, %1, %2 : tensor<f32>, tensor<2x3xf32>, tensor<f32>
}

// CHECK: CASE softmax_ce jvp OK
// CHECK: CASE softmax_ce vjp OK
// CHECK: CASE softmax_ce identity OK
// CHECK: CASE softmax_ce vmap OK
func.func @softmax_ce(%x: tensor<4x5xf32>, %t: tensor<4x5xf32>, %w: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %0 = nn.softmax_cross_entropy %x, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<f32>
  %1 = nn.softmax_cross_entropy %x, %t : (tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}

// CHECK: CASE sigmoid_bce jvp OK
// CHECK: CASE sigmoid_bce vjp OK
// CHECK: CASE sigmoid_bce identity OK
// CHECK: CASE sigmoid_bce vmap OK
func.func @sigmoid_bce(%x: tensor<3x4xf32>, %z: tensor<3x4xf32>, %m: tensor<3xi1>) -> (tensor<f32>, tensor<3xf32>) {
  %0 = nn.sigmoid_binary_cross_entropy %x, %z mask %m : (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3xi1>) -> tensor<f32>
  %1 = nn.sigmoid_binary_cross_entropy %x, %z reduction = none : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<f32>, tensor<3xf32>
}

// vmap over predictions and weights, the targets shared.
// CHECK: CASE mse jvp OK
// CHECK: CASE mse vjp OK
// CHECK: CASE mse identity OK
// CHECK: CASE mse vmap OK
func.func @mse(%y: tensor<3x4xf32>, %t: tensor<3x4xf32>, %w: tensor<3xf32>) -> (tensor<f32>, tensor<f32>) {
  %0 = nn.mean_squared_error %y, %t sample_weight %w : (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<f32>
  %1 = nn.mean_squared_error %y, %t sample_weight %w reduction = sum : (tensor<3x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}
