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
