// RUN: nn-opt %s | FileCheck %s
// Round trip: print, parse the printed form, print again.
// RUN: nn-opt %s | nn-opt | FileCheck %s
// RUN: nn-opt %s --mlir-print-op-generic | nn-opt | FileCheck %s

// CHECK-LABEL: func.func @dense
func.func @dense(%x: tensor<4x784xf32>, %w: tensor<784x128xf32>, %b: tensor<128xf32>)
    -> (tensor<4x128xf32>, tensor<4x128xf32>) {
  // CHECK: nn.dense %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x784xf32>, tensor<784x128xf32>, tensor<128xf32>) -> tensor<4x128xf32>
  %0 = nn.dense %x, %w, %b : (tensor<4x784xf32>, tensor<784x128xf32>, tensor<128xf32>) -> tensor<4x128xf32>
  // CHECK: nn.dense %{{.*}}, %{{.*}} : (tensor<4x784xf32>, tensor<784x128xf32>) -> tensor<4x128xf32>
  %1 = nn.dense %x, %w : (tensor<4x784xf32>, tensor<784x128xf32>) -> tensor<4x128xf32>
  return %0, %1 : tensor<4x128xf32>, tensor<4x128xf32>
}

// CHECK-LABEL: func.func @dense_batch_dims
func.func @dense_batch_dims(%x: tensor<2x3x8xf32>, %w: tensor<8x5xf32>, %v: tensor<8xf32>)
    -> (tensor<2x3x5xf32>, tensor<5xf32>) {
  // CHECK: nn.dense {{.*}} -> tensor<2x3x5xf32>
  %0 = nn.dense %x, %w : (tensor<2x3x8xf32>, tensor<8x5xf32>) -> tensor<2x3x5xf32>
  // CHECK: nn.dense {{.*}} -> tensor<5xf32>
  %1 = nn.dense %v, %w : (tensor<8xf32>, tensor<8x5xf32>) -> tensor<5xf32>
  return %0, %1 : tensor<2x3x5xf32>, tensor<5xf32>
}

// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // CHECK: nn.relu %{{.*}} : tensor<4x16xf32>
  %0 = nn.relu %x : tensor<4x16xf32>
  // CHECK: nn.gelu %{{.*}} : tensor<4x16xf32>
  %1 = nn.gelu %0 : tensor<4x16xf32>
  // CHECK: nn.gelu %{{.*}} approximation = tanh : tensor<4x16xf32>
  %2 = nn.gelu %1 approximation = tanh : tensor<4x16xf32>
  // CHECK: nn.tanh %{{.*}} : tensor<4x16xf32>
  %3 = nn.tanh %2 : tensor<4x16xf32>
  // CHECK: nn.sigmoid %{{.*}} : tensor<4x16xf32>
  %4 = nn.sigmoid %3 : tensor<4x16xf32>
  // CHECK: nn.softmax %{{.*}} : tensor<4x16xf32>
  %5 = nn.softmax %4 : tensor<4x16xf32>
  // CHECK: nn.softmax %{{.*}} axis = 0 : tensor<4x16xf32>
  %6 = nn.softmax %5 axis = 0 : tensor<4x16xf32>
  return %6 : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @layer_norm
func.func @layer_norm(%x: tensor<4x64xf32>, %g: tensor<64xf32>, %b: tensor<64xf32>, %h: tensor<4xf32>)
    -> (tensor<4x64xf32>, tensor<4x64xf32>, tensor<4x64xf32>) {
  // CHECK: nn.layer_norm %{{.*}} scale %{{.*}} offset %{{.*}} epsilon = 9.99999974E-6 : (tensor<4x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
  %0 = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05 : (tensor<4x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
  // CHECK: nn.layer_norm %{{.*}} : (tensor<4x64xf32>) -> tensor<4x64xf32>
  %1 = nn.layer_norm %x : (tensor<4x64xf32>) -> tensor<4x64xf32>
  // CHECK: nn.layer_norm %{{.*}} offset %{{.*}} axis = 0 : (tensor<4x64xf32>, tensor<4xf32>) -> tensor<4x64xf32>
  %2 = nn.layer_norm %x offset %h axis = 0 : (tensor<4x64xf32>, tensor<4xf32>) -> tensor<4x64xf32>
  return %0, %1, %2 : tensor<4x64xf32>, tensor<4x64xf32>, tensor<4x64xf32>
}

// CHECK-LABEL: func.func @embedding
func.func @embedding(%ids: tensor<2x5xi32>, %ids64: tensor<3xi64>, %table: tensor<100x16xf32>)
    -> (tensor<2x5x16xf32>, tensor<3x16xf32>) {
  // CHECK: nn.embedding %{{.*}}, %{{.*}} : (tensor<2x5xi32>, tensor<100x16xf32>) -> tensor<2x5x16xf32>
  %0 = nn.embedding %ids, %table : (tensor<2x5xi32>, tensor<100x16xf32>) -> tensor<2x5x16xf32>
  // CHECK: nn.embedding %{{.*}}, %{{.*}} : (tensor<3xi64>, tensor<100x16xf32>) -> tensor<3x16xf32>
  %1 = nn.embedding %ids64, %table : (tensor<3xi64>, tensor<100x16xf32>) -> tensor<3x16xf32>
  return %0, %1 : tensor<2x5x16xf32>, tensor<3x16xf32>
}

// Keras' Embedding(mask_zero=True): the padding mask as a second result.
// CHECK-LABEL: func.func @embedding_mask_zero
func.func @embedding_mask_zero(%ids: tensor<2x5xi32>, %table: tensor<100x16xf32>)
    -> (tensor<2x5x16xf32>, tensor<2x5xi1>) {
  // CHECK: %{{.*}}, %{{.*}} = nn.embedding %{{.*}}, %{{.*}} mask_zero : (tensor<2x5xi32>, tensor<100x16xf32>) -> (tensor<2x5x16xf32>, tensor<2x5xi1>)
  %0, %1 = nn.embedding %ids, %table mask_zero : (tensor<2x5xi32>, tensor<100x16xf32>) -> (tensor<2x5x16xf32>, tensor<2x5xi1>)
  return %0, %1 : tensor<2x5x16xf32>, tensor<2x5xi1>
}

// CHECK-LABEL: func.func @pooling
func.func @pooling(%x: tensor<3x3x1xf32>) -> (tensor<3x1xf32>, tensor<3x1xf32>) {
  // CHECK: nn.global_avg_pool %{{.*}} : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  %0 = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  // CHECK: nn.global_max_pool %{{.*}} : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  %1 = nn.global_max_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0, %1 : tensor<3x1xf32>, tensor<3x1xf32>
}

// CHECK-LABEL: func.func @masks
func.func @masks(%x: tensor<3x3x1xf32>, %len: tensor<3xi32>) -> (tensor<3x1xf32>, tensor<3x1xf32>, tensor<3x3x1xf32>, tensor<3x3xi1>, tensor<4x4xi1>) {
  // CHECK: %{{.*}}, %[[M:.*]] = nn.masking %{{.*}} mask_value = -9.900000e+01 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  // CHECK: nn.global_avg_pool %{{.*}} mask %[[M]] : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  %0 = nn.global_avg_pool %d mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  // CHECK: nn.global_max_pool %{{.*}} mask %[[M]] : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  %1 = nn.global_max_pool %d mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  // CHECK: nn.apply_mask %{{.*}}, %[[M]] : tensor<3x3x1xf32>, tensor<3x3xi1>
  %2 = nn.apply_mask %x, %m : tensor<3x3x1xf32>, tensor<3x3xi1>
  // CHECK: %[[S:.*]] = nn.sequence_mask %{{.*}} : tensor<3xi32> -> tensor<3x3xi1>
  %s = nn.sequence_mask %len : tensor<3xi32> -> tensor<3x3xi1>
  // CHECK: %[[A:.*]] = nn.mask_and %[[M]], %[[S]] : tensor<3x3xi1>
  %a = nn.mask_and %m, %s : tensor<3x3xi1>
  // CHECK: %[[O:.*]] = nn.mask_or %[[A]], %[[S]] : tensor<3x3xi1>
  %o = nn.mask_or %a, %s : tensor<3x3xi1>
  // CHECK: nn.mask_not %[[O]] : tensor<3x3xi1>
  %n = nn.mask_not %o : tensor<3x3xi1>
  // CHECK: nn.causal_mask : tensor<4x4xi1>
  %c = nn.causal_mask : tensor<4x4xi1>
  return %0, %1, %2, %n, %c : tensor<3x1xf32>, tensor<3x1xf32>, tensor<3x3x1xf32>, tensor<3x3xi1>, tensor<4x4xi1>
}

// CHECK-LABEL: func.func @logits_masks
func.func @logits_masks(%x: tensor<2x4x6xf32>, %m: tensor<4x6xi1>, %q: tensor<2x2x4x8xf32>,
                        %k: tensor<2x2x6x8xf32>, %v: tensor<2x2x6x3xf32>, %kp: tensor<2x6xi1>)
    -> (tensor<2x4x6xf32>, tensor<2x2x4x3xf32>, tensor<2x2x4x3xf32>) {
  // CHECK: nn.softmax %{{.*}} mask %{{.*}} : tensor<2x4x6xf32>, tensor<4x6xi1>
  %0 = nn.softmax %x mask %m : tensor<2x4x6xf32>, tensor<4x6xi1>
  // CHECK: nn.attention %{{.*}}, %{{.*}}, %{{.*}} mask %{{.*}} key_padding_mask %{{.*}} causal scale = 5.000000e-01 : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<4x6xi1>, tensor<2x6xi1>) -> tensor<2x2x4x3xf32>
  %1 = nn.attention %q, %k, %v mask %m key_padding_mask %kp causal scale = 0.5
      : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<4x6xi1>, tensor<2x6xi1>) -> tensor<2x2x4x3xf32>
  // CHECK: nn.attention %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>) -> tensor<2x2x4x3xf32>
  %2 = nn.attention %q, %k, %v : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>) -> tensor<2x2x4x3xf32>
  return %0, %1, %2 : tensor<2x4x6xf32>, tensor<2x2x4x3xf32>, tensor<2x2x4x3xf32>
}

// CHECK-LABEL: func.func @random
func.func @random(%seed: tensor<i64>, %d: tensor<i32>, %c: tensor<4x2xi32>)
    -> (!nn.key, tensor<3x!nn.key>, tensor<4x2xi32>, tensor<2x3xi32>, tensor<8xf32>, tensor<8xf32>) {
  // CHECK: %[[K:.*]] = nn.rng.key seed = 42 : !nn.key
  %k = nn.rng.key seed = 42 : !nn.key
  // CHECK: nn.rng.key %{{.*}} : tensor<i64> -> !nn.key
  %s = nn.rng.key %seed : tensor<i64> -> !nn.key
  // CHECK: %[[KS:.*]] = nn.rng.split %[[K]] : !nn.key -> tensor<3x!nn.key>
  %ks = nn.rng.split %k : !nn.key -> tensor<3x!nn.key>
  // CHECK: %[[K1:.*]] = nn.rng.key_at %[[KS]][1] : tensor<3x!nn.key>
  %k1 = nn.rng.key_at %ks[1] : tensor<3x!nn.key>
  // CHECK: nn.rng.fold_in %[[K1]], %{{.*}} : tensor<i32>
  %f = nn.rng.fold_in %k1, %d : tensor<i32>
  // CHECK: nn.rng.threefry2x32 %{{.*}}, %{{.*}} : tensor<4x2xi32>
  %w = nn.rng.threefry2x32 %s, %c : tensor<4x2xi32>
  // CHECK: nn.rng.bits %{{.*}} : tensor<2x3xi32>
  %b = nn.rng.bits %f : tensor<2x3xi32>
  // CHECK: nn.rng.uniform %{{.*}} : tensor<8xf32>
  %u = nn.rng.uniform %f : tensor<8xf32>
  // CHECK: nn.rng.uniform %{{.*}} minval = -1.000000e+00 maxval = 2.000000e+00 : tensor<8xf32>
  %v = nn.rng.uniform %f minval = -1.0 maxval = 2.0 : tensor<8xf32>
  return %f, %ks, %w, %b, %u, %v : !nn.key, tensor<3x!nn.key>, tensor<4x2xi32>, tensor<2x3xi32>, tensor<8xf32>, tensor<8xf32>
}

// CHECK-LABEL: func.func @dropout
func.func @dropout(%x: tensor<4x8xf32>, %k: !nn.key) -> (tensor<4x8xf32>, tensor<4x8xi1>) {
  // CHECK: nn.dropout %{{.*}}, %{{.*}} rate = 5.000000e-01 : tensor<4x8xf32>
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<4x8xf32>
  // CHECK: nn.rng.bernoulli %{{.*}} p = 2.500000e-01 : tensor<4x8xi1>
  %1 = nn.rng.bernoulli %k p = 0.25 : tensor<4x8xi1>
  return %0, %1 : tensor<4x8xf32>, tensor<4x8xi1>
}

// CHECK-LABEL: func.func @initializers
func.func @initializers(%k: !nn.key) -> (tensor<8xf32>, tensor<8xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // CHECK: nn.rng.normal %{{.*}} : tensor<8xf32>
  %n = nn.rng.normal %k : tensor<8xf32>
  // CHECK: nn.rng.truncated_normal %{{.*}} lower = -1.000000e+00 : tensor<8xf32>
  %t = nn.rng.truncated_normal %k lower = -1.0 : tensor<8xf32>
  // CHECK: nn.init he_normal %{{.*}} : tensor<4x4xf32>
  %h = nn.init he_normal %k : tensor<4x4xf32>
  // CHECK: nn.init zeros : tensor<4xf32>
  %z = nn.init zeros : tensor<4xf32>
  // CHECK: nn.init constant {value = 2.500000e+00 : f32} : tensor<4xf32>
  %c = nn.init constant {value = 2.5 : f32} : tensor<4xf32>
  return %n, %t, %h, %z, %c : tensor<8xf32>, tensor<8xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @shuffles
func.func @shuffles(%x: tensor<10x3xf32>, %k: !nn.key) -> (tensor<10xi32>, tensor<10x3xf32>) {
  // CHECK: nn.rng.permutation %{{.*}} : tensor<10xi32>
  %p = nn.rng.permutation %k : tensor<10xi32>
  // CHECK: nn.rng.shuffle %{{.*}}, %{{.*}} : tensor<10x3xf32>
  %s = nn.rng.shuffle %x, %k : tensor<10x3xf32>
  return %p, %s : tensor<10xi32>, tensor<10x3xf32>
}

// Losses: optional mask and sample_weight, reduction as a word (default
// sum_over_batch_size, not printed); a scalar result, or per-example losses
// for reduction = none.
// CHECK-LABEL: func.func @losses
func.func @losses(%x: tensor<2x5x10xf32>, %labels: tensor<2x5xi32>, %labels64: tensor<2x5xi64>,
                  %p: tensor<2x5x10xf32>, %m: tensor<2x5xi1>, %w: tensor<2x5xf32>)
    -> (tensor<f32>, tensor<f32>, tensor<2x5xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<2x5xf32>) {
  // CHECK: nn.sparse_softmax_cross_entropy %{{.*}}, %{{.*}} : (tensor<2x5x10xf32>, tensor<2x5xi32>) -> tensor<f32>
  %0 = nn.sparse_softmax_cross_entropy %x, %labels : (tensor<2x5x10xf32>, tensor<2x5xi32>) -> tensor<f32>
  // CHECK: nn.sparse_softmax_cross_entropy %{{.*}}, %{{.*}} mask %{{.*}} sample_weight %{{.*}} reduction = sum : (tensor<2x5x10xf32>, tensor<2x5xi64>, tensor<2x5xi1>, tensor<2x5xf32>) -> tensor<f32>
  %1 = nn.sparse_softmax_cross_entropy %x, %labels64 mask %m sample_weight %w reduction = sum : (tensor<2x5x10xf32>, tensor<2x5xi64>, tensor<2x5xi1>, tensor<2x5xf32>) -> tensor<f32>
  // CHECK: nn.softmax_cross_entropy %{{.*}}, %{{.*}} mask %{{.*}} reduction = none : (tensor<2x5x10xf32>, tensor<2x5x10xf32>, tensor<2x5xi1>) -> tensor<2x5xf32>
  %2 = nn.softmax_cross_entropy %x, %p mask %m reduction = none : (tensor<2x5x10xf32>, tensor<2x5x10xf32>, tensor<2x5xi1>) -> tensor<2x5xf32>
  // CHECK: nn.sigmoid_binary_cross_entropy %{{.*}}, %{{.*}} sample_weight %{{.*}} reduction = mean_with_sample_weight : (tensor<2x5x10xf32>, tensor<2x5x10xf32>, tensor<2x5xf32>) -> tensor<f32>
  %3 = nn.sigmoid_binary_cross_entropy %x, %p sample_weight %w reduction = mean_with_sample_weight : (tensor<2x5x10xf32>, tensor<2x5x10xf32>, tensor<2x5xf32>) -> tensor<f32>
  // CHECK: nn.mean_squared_error %{{.*}}, %{{.*}} mask %{{.*}} : (tensor<2x5x10xf32>, tensor<2x5x10xf32>, tensor<2x5xi1>) -> tensor<f32>
  %4 = nn.mean_squared_error %x, %p mask %m reduction = sum_over_batch_size : (tensor<2x5x10xf32>, tensor<2x5x10xf32>, tensor<2x5xi1>) -> tensor<f32>
  // CHECK: nn.mean_squared_error %{{.*}}, %{{.*}} : (tensor<2x5x10xf32>, tensor<2x5x10xf32>) -> tensor<f32>
  %5 = nn.mean_squared_error %x, %p : (tensor<2x5x10xf32>, tensor<2x5x10xf32>) -> tensor<f32>
  // CHECK: nn.mean_squared_error %{{.*}}, %{{.*}} reduction = none : (tensor<2x5x10xf32>, tensor<2x5x10xf32>) -> tensor<2x5xf32>
  %6 = nn.mean_squared_error %x, %p reduction = none : (tensor<2x5x10xf32>, tensor<2x5x10xf32>) -> tensor<2x5xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<f32>, tensor<f32>, tensor<2x5xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<2x5xf32>
}

// A rank-1 input has a scalar per-example shape: labels, mask and weights
// are rank 0.
// CHECK-LABEL: func.func @loss_one_example
func.func @loss_one_example(%x: tensor<3xf32>, %label: tensor<i32>, %m: tensor<i1>, %w: tensor<f32>)
    -> (tensor<f32>, tensor<f32>) {
  // CHECK: nn.sparse_softmax_cross_entropy %{{.*}}, %{{.*}} mask %{{.*}} sample_weight %{{.*}} : (tensor<3xf32>, tensor<i32>, tensor<i1>, tensor<f32>) -> tensor<f32>
  %0 = nn.sparse_softmax_cross_entropy %x, %label mask %m sample_weight %w : (tensor<3xf32>, tensor<i32>, tensor<i1>, tensor<f32>) -> tensor<f32>
  // CHECK: nn.sparse_softmax_cross_entropy %{{.*}}, %{{.*}} reduction = none : (tensor<3xf32>, tensor<i32>) -> tensor<f32>
  %1 = nn.sparse_softmax_cross_entropy %x, %label reduction = none : (tensor<3xf32>, tensor<i32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}

// Optimizer updates: the learning rate is a tensor<f32> operand (its type is
// not printed), the step count i32 or i64; defaults (beta1 0.9, beta2
// 0.999, epsilon 1e-8) are not printed.
// CHECK-LABEL: func.func @sgd_update
func.func @sgd_update(%p: tensor<4x8xf32>, %g: tensor<4x8xf32>, %b: tensor<4x8xf32>, %lr: tensor<f32>)
    -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  // CHECK: nn.sgd_update %{{.*}}, %{{.*}} lr %{{.*}} : tensor<4x8xf32>
  %0 = nn.sgd_update %p, %g lr %lr : tensor<4x8xf32>
  // CHECK: nn.sgd_update %{{.*}}, %{{.*}} buffer %{{.*}} lr %{{.*}} momentum = 9.000000e-01 : tensor<4x8xf32>
  %1, %2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 : tensor<4x8xf32>
  // CHECK: nn.sgd_update %{{.*}}, %{{.*}} buffer %{{.*}} lr %{{.*}} momentum = 5.000000e-01 nesterov keras : tensor<4x8xf32>
  %3, %4 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.5 nesterov keras : tensor<4x8xf32>
  return %0, %1, %2, %3, %4 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}

// CHECK-LABEL: func.func @adam_update
func.func @adam_update(%p: tensor<3xf32>, %g: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>,
                       %t: tensor<i32>, %t64: tensor<i64>, %lr: tensor<f32>)
    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>, tensor<3xf32>, tensor<i64>, tensor<3xf32>, tensor<i32>) {
  // CHECK: nn.adam_update %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} lr %{{.*}} : tensor<3xf32>, tensor<i32>
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr : tensor<3xf32>, tensor<i32>
  // CHECK: nn.adam_update %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} lr %{{.*}} beta1 = 8.000000e-01 beta2 = 7.500000e-01 epsilon = 1.000000e-03 keras : tensor<3xf32>, tensor<i64>
  %1:4 = nn.adam_update %p, %g, %m, %v, %t64 lr %lr beta1 = 0.8 beta2 = 0.75 epsilon = 1.0e-3 keras : tensor<3xf32>, tensor<i64>
  // CHECK: nn.adamw_update %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} lr %{{.*}} weight_decay = 1.000000e-02 : tensor<3xf32>, tensor<i32>
  %2:4 = nn.adamw_update %p, %g, %m, %v, %t lr %lr weight_decay = 0.01 : tensor<3xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3, %1#0, %1#3, %2#0, %2#3 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i32>, tensor<3xf32>, tensor<i64>, tensor<3xf32>, tensor<i32>
}
