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
