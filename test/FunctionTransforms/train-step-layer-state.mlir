// Non-trainable layer state: an argument named with nn.name that a result
// of the same name updates (BatchNorm's moving statistics; here a moving
// mean of the inputs written by hand). It is not a parameter (not
// differentiated, not updated by the optimizer); the train step returns
// its new value after the params, before the optimizer state, donated
// from its argument, and the other aux results keep their names.
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=adam" | FileCheck %s
// RUN: not nn-opt %s --nn-train-step="function=listed wrt=0,1" 2>&1 | FileCheck %s --check-prefix=LISTED
// RUN: not nn-opt %s --nn-train-step="function=mistyped" 2>&1 | FileCheck %s --check-prefix=MISTYPED
// CHECK-LABEL: func.func @loss_train_step
// CHECK-SAME:  (%{{.*}}: tensor<4x1xf32> {nn.name = "w"}, %{{.*}}: tensor<4xf32> {nn.name = "moving_mean"}, %{{.*}}: tensor<8x4xf32>, %{{.*}}: tensor<8x1xf32>,
// CHECK-SAME:  %{{.*}}: tensor<4x1xf32> {nn.name = "w.m"}, %{{.*}}: tensor<4x1xf32> {nn.name = "w.v"}, %{{.*}}: tensor<i32> {nn.name = "step"})
// CHECK-SAME:  -> (tensor<4x1xf32> {nn.donated_from = 0 : i64, nn.name = "w"}, tensor<4xf32> {nn.donated_from = 1 : i64, nn.name = "moving_mean"},
// CHECK-SAME:  tensor<4x1xf32> {nn.donated_from = 4 : i64, nn.name = "w.m"}, tensor<4x1xf32> {nn.donated_from = 5 : i64, nn.name = "w.v"},
// CHECK-SAME:  tensor<i32> {nn.donated_from = 6 : i64, nn.name = "step"}, tensor<f32>, tensor<8x1xf32> {nn.name = "prediction"})
// One parameter, one update.
// CHECK-COUNT-1: nn.adam_update
// CHECK-NOT:     nn.adam_update
func.func @loss(%w: tensor<4x1xf32> {nn.name = "w"}, %mean: tensor<4xf32> {nn.name = "moving_mean"},
                %x: tensor<8x4xf32>, %y: tensor<8x1xf32>)
    -> (tensor<f32>, tensor<4xf32> {nn.name = "moving_mean"}, tensor<8x1xf32> {nn.name = "prediction"}) {
  %b = arith.constant dense<0.0> : tensor<1xf32>
  %p = nn.dense %x, %w, %b : (tensor<8x4xf32>, tensor<4x1xf32>, tensor<1xf32>) -> tensor<8x1xf32>
  %l = nn.mean_squared_error %p, %y : (tensor<8x1xf32>, tensor<8x1xf32>) -> tensor<f32>
  %x3 = tensor.expand_shape %x [[0, 1], [2]] output_shape [1, 8, 4] : tensor<8x4xf32> into tensor<1x8x4xf32>
  %bm3 = nn.global_avg_pool %x3 : (tensor<1x8x4xf32>) -> tensor<1x4xf32>
  %bm = tensor.collapse_shape %bm3 [[0, 1]] : tensor<1x4xf32> into tensor<4xf32>
  %k = arith.constant dense<0.9> : tensor<4xf32>
  %k1 = arith.constant dense<0.1> : tensor<4xf32>
  %old = arith.mulf %mean, %k : tensor<4xf32>
  %new = arith.mulf %bm, %k1 : tensor<4xf32>
  %m = arith.addf %old, %new : tensor<4xf32>
  return %l, %m, %p : tensor<f32>, tensor<4xf32>, tensor<8x1xf32>
}

// Layer state is never a parameter, also when listed.
// LISTED: error: nn-train-step: argument 1 ('s') is non-trainable layer state (a result of the same name updates it), not a parameter: remove it from wrt
func.func @listed(%w: tensor<2xf32> {nn.name = "w"}, %s: tensor<2xf32> {nn.name = "s"}) -> (tensor<f32>, tensor<2xf32> {nn.name = "s"}) {
  %t = arith.constant dense<1.0> : tensor<2xf32>
  %l = nn.mean_squared_error %w, %t : (tensor<2xf32>, tensor<2xf32>) -> tensor<f32>
  return %l, %s : tensor<f32>, tensor<2xf32>
}

// A result of another type under an argument's name is an error.
// MISTYPED: error: nn-train-step: result 1 ('s') would update argument 1 of the same name (layer state), but is 'tensor<3xf32>', not 'tensor<2xf32>'
func.func @mistyped(%w: tensor<2xf32> {nn.name = "w"}, %s: tensor<2xf32> {nn.name = "s"}) -> (tensor<f32>, tensor<3xf32> {nn.name = "s"}) {
  %t = arith.constant dense<1.0> : tensor<2xf32>
  %l = nn.mean_squared_error %w, %t : (tensor<2xf32>, tensor<2xf32>) -> tensor<f32>
  %u = arith.constant dense<1.0> : tensor<3xf32>
  return %l, %u : tensor<f32>, tensor<3xf32>
}
