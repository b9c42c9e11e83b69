func.func @sgd(%p: tensor<3xf32>, %g: tensor<3xf32>, %lr: tensor<f32>) -> tensor<3xf32> {
  %0 = nn.sgd_update %p, %g lr %lr : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @adam(%p: tensor<3xf32>, %g: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>) {
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr : tensor<3xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>
}
