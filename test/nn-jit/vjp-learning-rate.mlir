// The learning rate's cotangent. It used to be silently 0: the lowering
// reads lr once (tensor.extract) and the update's body captures the scalar,
// whose adjoint nothing collected. Now nn-vjp sums the captured scalar's
// adjoint over the update's iterations and puts it back where it was
// extracted.
// SGD by hand: new_p = p - lr g, so with a cotangent of ones on new_p,
// d/dlr = -sum(g) = -6 for g = [1, 2, 3]; d/dp = 1, d/dg = -lr = -0.5.
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=sgd})' --function=sgd_vjp \
// RUN:   --input=3xf32=1,2,3 --input=3xf32=1,2,3 --input=f32=0.5 --input=3xf32=1,1,1 | FileCheck %s --check-prefix=SGD
// SGD:      result 1: tensor<3xf32>
// SGD-NEXT: [1, 1, 1]
// SGD-NEXT: result 2: tensor<3xf32>
// SGD-NEXT: [-0.5, -0.5, -0.5]
// SGD-NEXT: result 3: tensor<f32>
// SGD-NEXT: -6

// Adam computes its step size from lr in a scalar chain outside the
// update's body (f64, then rounded to f32): not differentiated yet, and an
// error that says so rather than a silent 0.
// RUN: not nn-jit %s --prepare='builtin.module(nn-vjp{function=adam wrt=5})' --function=adam_vjp \
// RUN:   --input=3xf32=1,2,3 --input=3xf32=1,2,3 --input=3xf32=0,0,0 --input=3xf32=0,0,0 --input=i32=0 \
// RUN:   --input=f32=0.5 --input=3xf32=1,1,1 --input=3xf32=0,0,0 --input=3xf32=0,0,0 --input=i32=0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ADAM
// ADAM: error: nn-vjp cannot differentiate through a scalar computed outside this linalg.generic and read by its body (from 'arith.truncf'); leave the argument it depends on out of wrt
func.func @sgd(%p: tensor<3xf32>, %g: tensor<3xf32>, %lr: tensor<f32>) -> tensor<3xf32> {
  %0 = nn.sgd_update %p, %g lr %lr : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @adam(%p: tensor<3xf32>, %g: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>) {
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr : tensor<3xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>
}
