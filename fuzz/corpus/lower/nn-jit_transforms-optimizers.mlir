func.func @sgd(%p: tensor<5xf32>, %g: tensor<5xf32>, %b: tensor<5xf32>, %lr: tensor<f32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) {
  %0 = nn.sgd_update %p, %g lr %lr : tensor<5xf32>
  %1, %2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 nesterov : tensor<5xf32>
  %3, %4 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 keras : tensor<5xf32>
  return %0, %1, %2, %3, %4 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>
}

func.func @sgd_lr(%p: tensor<5xf32>, %g: tensor<5xf32>, %b: tensor<5xf32>, %lr: tensor<f32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) {
  %0 = nn.sgd_update %p, %g lr %lr : tensor<5xf32>
  %1, %2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 nesterov : tensor<5xf32>
  %3, %4 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 keras : tensor<5xf32>
  return %0, %1, %2, %3, %4 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>
}

func.func @adam(%p: tensor<5xf32>, %g: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i32>) {
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr : tensor<5xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i32>
}

func.func @adamw(%p: tensor<5xf32>, %g: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i32>) {
  %0:4 = nn.adamw_update %p, %g, %m, %v, %t lr %lr weight_decay = 0.01 : tensor<5xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<i32>
}
