// nn-jvp, nn-vjp and nn-vmap of the optimizer updates against PyTorch
// float64 autograd of docs/Optimizers.md's formulas and per-example runs
// (Inputs/torch_ops.py, in its own process), and the transpose identity
// between our nn-jvp and nn-vjp (Inputs/transform_check.py). The
// learning rate's cotangent (nn-vjp), Adam's learning-rate tangent (nn-jvp)
// and a batched Adam step count (nn-vmap) are known failures, see
// test/FunctionTransforms/op-coverage.test.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/torch_ops.py %t sgd sgd_lr adam adamw
// RUN: %python %S/Inputs/transform_check.py %nn_obj_root/bin/nn-jit %s %t \
// RUN:   sgd sgd_lr:no-vjp:no-vmap adam adamw | FileCheck %s --implicit-check-not=FAIL

// Plain, Nesterov momentum, Keras' velocity; wrt the parameter, gradient
// and buffer; vmap over everything, the learning rate included.
// CHECK: CASE sgd jvp OK
// CHECK: CASE sgd vjp OK
// CHECK: CASE sgd identity OK
// CHECK: CASE sgd vmap OK
func.func @sgd(%p: tensor<5xf32>, %g: tensor<5xf32>, %b: tensor<5xf32>, %lr: tensor<f32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) {
  %0 = nn.sgd_update %p, %g lr %lr : tensor<5xf32>
  %1, %2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 nesterov : tensor<5xf32>
  %3, %4 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 keras : tensor<5xf32>
  return %0, %1, %2, %3, %4 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>
}

// The same with the learning rate differentiated too: nn-jvp only.
// CHECK: CASE sgd_lr jvp OK
func.func @sgd_lr(%p: tensor<5xf32>, %g: tensor<5xf32>, %b: tensor<5xf32>, %lr: tensor<f32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) {
  %0 = nn.sgd_update %p, %g lr %lr : tensor<5xf32>
  %1, %2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 nesterov : tensor<5xf32>
  %3, %4 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 keras : tensor<5xf32>
  return %0, %1, %2, %3, %4 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>
}

// wrt the parameter, gradient and moments (not the learning rate); vmap
// over them and the learning rate, the step count shared. The new count
// is an integer result (compared as a value).
// CHECK: CASE adam jvp OK
// CHECK: CASE adam vjp OK
// CHECK: CASE adam identity OK
// CHECK: CASE adam vmap OK
func.func @adam(%p: tensor<5xf32>, %g: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i32>) {
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr : tensor<5xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i32>
}

// CHECK: CASE adamw jvp OK
// CHECK: CASE adamw vjp OK
// CHECK: CASE adamw identity OK
// CHECK: CASE adamw vmap OK
func.func @adamw(%p: tensor<5xf32>, %g: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i32>) {
  %0:4 = nn.adamw_update %p, %g, %m, %v, %t lr %lr weight_decay = 0.01 : tensor<5xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i32>
}
