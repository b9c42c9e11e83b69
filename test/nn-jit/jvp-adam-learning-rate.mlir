// nn-jvp of nn.adam_update / nn.adamw_update w.r.t. the learning rate,
// whose step-dependent scalars are computed from lr in f64 (NNOps.td): the
// tangent goes through arith.extf / arith.truncf (it used to fail with
// "nn-jvp has no rule for 'arith.extf'").
// Expected by hand at step 0 from zero moments, g = [1, 2, 3], lr tangent 1:
//   adam:  new_p = p - lr g / (|g| + 1e-8): tangent [-1, -1, -1];
//   adamw: new_p = p (1 - lr wd) - lr g / (|g| + 1e-8), wd = 0.01,
//          p = [1, 2, 3]: tangent [-1.01, -1.02, -1.03].
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/adam.npy', np.array([-1, -1, -1], np.float32)); np.save('%t/adamw.npy', np.array([-1.01, -1.02, -1.03], np.float32))"
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=adam wrt=5})' --function=adam_jvp \
// RUN:   --input=3xf32=1,2,3 --input=3xf32=1,2,3 --input=3xf32=0,0,0 --input=3xf32=0,0,0 --input=i32=0 \
// RUN:   --input=f32=0.5 --input=f32=1 --output=@%t/adam.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adam.npz:result4 %t/adam.npy 1e-5 0 | FileCheck %s
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=adamw wrt=5})' --function=adamw_jvp \
// RUN:   --input=3xf32=1,2,3 --input=3xf32=1,2,3 --input=3xf32=0,0,0 --input=3xf32=0,0,0 --input=i32=0 \
// RUN:   --input=f32=0.5 --input=f32=1 --output=@%t/adamw.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adamw.npz:result4 %t/adamw.npy 1e-5 0 | FileCheck %s
// CHECK: MATCH 3 values
func.func @adam(%p: tensor<3xf32>, %g: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>) {
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr : tensor<3xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>
}
func.func @adamw(%p: tensor<3xf32>, %g: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>) {
  %0:4 = nn.adamw_update %p, %g, %m, %v, %t lr %lr weight_decay = 0.01 : tensor<3xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>
}
