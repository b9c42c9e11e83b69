// RUN: nn-opt %s --nn-train-step="function=loss optimizer=adamw learning-rate=0.001 weight-decay=0.1" | FileCheck %s
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=sgd momentum=0.9 nesterov=true" | FileCheck %s --check-prefix=SGD
// RUN: not nn-opt %s --nn-train-step="function=loss optimizer=rmsprop" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not nn-opt %s --nn-train-step="function=unnamed" 2>&1 | FileCheck %s --check-prefix=UNNAMED
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=adam donate=false" | FileCheck %s --check-prefix=KEPT

// The parameters are the named arguments; state follows f's arguments.
// CHECK-LABEL: func.func @loss_train_step
// CHECK-SAME:  (%{{.*}}: tensor<3x2xf32> {nn.name = "w"}, %{{.*}}: tensor<2xf32> {nn.name = "b"}, %{{.*}}: tensor<4x3xf32>,
// CHECK-SAME:  {nn.name = "w.m"}, %{{.*}}: tensor<2xf32> {nn.name = "b.m"}, %{{.*}}: tensor<3x2xf32> {nn.name = "w.v"},
// CHECK-SAME:  %{{.*}}: tensor<2xf32> {nn.name = "b.v"}, %{{.*}}: tensor<i32> {nn.name = "step"})
// Each updated value is donated from the argument it replaces (arguments
// 0, 1 and 3 to 7); the loss is not.
// CHECK-SAME:  -> (tensor<3x2xf32> {nn.donated_from = 0 : i64, nn.name = "w"}, tensor<2xf32> {nn.donated_from = 1 : i64, nn.name = "b"},
// CHECK-SAME:  tensor<3x2xf32> {nn.donated_from = 3 : i64, nn.name = "w.m"}, tensor<2xf32> {nn.donated_from = 4 : i64, nn.name = "b.m"},
// CHECK-SAME:  tensor<3x2xf32> {nn.donated_from = 5 : i64, nn.name = "w.v"}, tensor<2xf32> {nn.donated_from = 6 : i64, nn.name = "b.v"},
// CHECK-SAME:  tensor<i32> {nn.donated_from = 7 : i64, nn.name = "step"}, tensor<f32>)
// CHECK-COUNT-2: nn.adamw_update {{.*}} weight_decay = 1.000000e-01
// SGD-LABEL:   func.func @loss_train_step
// SGD-SAME:    {nn.name = "w.momentum"}
// SGD-SAME:    -> (tensor<3x2xf32> {nn.donated_from = 0 : i64, nn.name = "w"}, tensor<2xf32> {nn.donated_from = 1 : i64, nn.name = "b"},
// SGD-SAME:    tensor<3x2xf32> {nn.donated_from = 3 : i64, nn.name = "w.momentum"}, tensor<2xf32> {nn.donated_from = 4 : i64, nn.name = "b.momentum"}, tensor<f32>)
// SGD-COUNT-2: nn.sgd_update {{.*}} momentum = 9.000000e-01 nesterov
// KEPT-LABEL:  func.func @loss_train_step
// KEPT-NOT:    nn.donated_from
// KEPT:        return
// UNKNOWN: error: nn-train-step: unknown optimizer 'rmsprop' (sgd, adam or adamw)
// UNNAMED: error: nn-train-step: 'unnamed' has no parameters: name them (nn.name) or list them in wrt
func.func @loss(%w: tensor<3x2xf32> {nn.name = "w"}, %b: tensor<2xf32> {nn.name = "b"}, %x: tensor<4x3xf32>) -> tensor<f32> {
  %y = nn.dense %x, %w, %b : (tensor<4x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %t = arith.constant dense<0.0> : tensor<4x2xf32>
  %l = nn.mean_squared_error %y, %t : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

func.func @unnamed(%w: tensor<3x2xf32>) -> tensor<f32> {
  %t = arith.constant dense<0.0> : tensor<3x2xf32>
  %l = nn.mean_squared_error %w, %t : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
