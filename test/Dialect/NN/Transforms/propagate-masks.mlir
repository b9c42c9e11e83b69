// RUN: nn-opt %s -split-input-file --nn-propagate-masks | FileCheck %s

// Through activations and a per-timestep dense layer to the pooling.
// CHECK-LABEL: func.func @direct
// CHECK: %{{.*}}, %[[M:[a-z0-9_]+]] = nn.masking
// CHECK: nn.global_max_pool %{{.*}} mask %[[M]]
func.func @direct(%x: tensor<3x3x1xf32>, %w: tensor<1x4xf32>) -> tensor<3x4xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %h = nn.dense %d, %w : (tensor<3x3x1xf32>, tensor<1x4xf32>) -> tensor<3x3x4xf32>
  %g = nn.gelu %h : tensor<3x3x4xf32>
  %n = nn.layer_norm %g : (tensor<3x3x4xf32>) -> tensor<3x3x4xf32>
  %p = nn.global_max_pool %n : (tensor<3x3x4xf32>) -> tensor<3x4xf32>
  return %p : tensor<3x4xf32>
}

// -----

// Keras' Embedding(mask_zero=True): the padding mask of the ids reaches the
// pooling through a per-timestep dense layer.
// CHECK-LABEL: func.func @embedding_mask_zero
// CHECK: %[[E:[a-z0-9_]+]], %[[M:[a-z0-9_]+]] = nn.embedding %{{.*}}, %{{.*}} mask_zero
// CHECK: nn.global_avg_pool %{{.*}} mask %[[M]]
func.func @embedding_mask_zero(%ids: tensor<2x3xi32>, %table: tensor<4x2xf32>, %w: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %e, %m = nn.embedding %ids, %table mask_zero : (tensor<2x3xi32>, tensor<4x2xf32>) -> (tensor<2x3x2xf32>, tensor<2x3xi1>)
  %h = nn.dense %e, %w : (tensor<2x3x2xf32>, tensor<2x2xf32>) -> tensor<2x3x2xf32>
  %p = nn.global_avg_pool %h : (tensor<2x3x2xf32>) -> tensor<2x2xf32>
  return %p : tensor<2x2xf32>
}

// -----

// Two differently masked values meet in an elementwise op: the masks are
// and-ed (as Keras merges them). An existing mask operand is kept.
// CHECK-LABEL: func.func @merge
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<2x4x1xf32>, %[[A:[a-z0-9_]+]]: tensor<2x4xi1>, %[[B:[a-z0-9_]+]]: tensor<2x4xi1>, %[[C:[a-z0-9_]+]]: tensor<2x4xi1>)
// CHECK: %[[AND:.*]] = nn.mask_and %[[A]], %[[B]] : tensor<2x4xi1>
// CHECK: %[[SUM:.*]] = arith.addf
// CHECK: nn.global_avg_pool %[[SUM]] mask %[[AND]]
// CHECK: nn.global_avg_pool %[[SUM]] mask %[[C]]
func.func @merge(%x: tensor<2x4x1xf32>, %a: tensor<2x4xi1>, %b: tensor<2x4xi1>, %c: tensor<2x4xi1>)
    -> (tensor<2x1xf32>, tensor<2x1xf32>) {
  %xa = nn.apply_mask %x, %a : tensor<2x4x1xf32>, tensor<2x4xi1>
  %xb = nn.apply_mask %x, %b : tensor<2x4x1xf32>, tensor<2x4xi1>
  %s = arith.addf %xa, %xb : tensor<2x4x1xf32>
  %p = nn.global_avg_pool %s : (tensor<2x4x1xf32>) -> tensor<2x1xf32>
  %q = nn.global_avg_pool %s mask %c : (tensor<2x4x1xf32>, tensor<2x4xi1>) -> tensor<2x1xf32>
  return %p, %q : tensor<2x1xf32>, tensor<2x1xf32>
}

// -----

// A custom layer: a private callee used once gets the mask argument in place.
// CHECK-LABEL: func.func private @layer
// CHECK-SAME: (%{{.*}}: tensor<3x3x1xf32>, %[[M:[a-z0-9_]+]]: tensor<3x3xi1> {nn.mask_of = 0 : i64})
// CHECK: nn.global_avg_pool %{{.*}} mask %[[M]]
// CHECK-LABEL: func.func @wrapped
// CHECK: %[[D:.*]], %[[MASK:.*]] = nn.masking
// CHECK: call @layer(%[[D]], %[[MASK]])
func.func private @layer(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %r = nn.relu %x : tensor<3x3x1xf32>
  %p = nn.global_avg_pool %r : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %p : tensor<3x1xf32>
}
func.func @wrapped(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %0 = func.call @layer(%d) : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

// A public callee keeps its signature; a callee also used without a mask is
// specialized into a private clone.
// CHECK-LABEL: func.func @pool(%{{.*}}: tensor<3x3x1xf32>) -> tensor<3x1xf32>
// CHECK: nn.global_avg_pool %{{.*}} : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
// CHECK-LABEL: func.func private @pool__masked_0(
// CHECK-SAME: %[[M:[a-z0-9_]+]]: tensor<3x3xi1> {nn.mask_of = 0 : i64})
// CHECK: nn.global_avg_pool %{{.*}} mask %[[M]]
// CHECK-LABEL: func.func @twice
// CHECK: call @pool__masked_0(
// CHECK: call @pool(%{{.*}}) :
func.func @pool(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %p = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %p : tensor<3x1xf32>
}
func.func @twice(%x: tensor<3x3x1xf32>) -> (tensor<3x1xf32>, tensor<3x1xf32>) {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %0 = func.call @pool(%d) : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  %1 = func.call @pool(%x) : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0, %1 : tensor<3x1xf32>, tensor<3x1xf32>
}

// -----

// Masking inside a callee, pooling in the caller: the callee returns the mask
// too (Keras' compute_mask). The public callee is cloned for it.
// CHECK-LABEL: func.func @mask_it(%{{.*}}: tensor<3x3x1xf32>) -> tensor<3x3x1xf32>
// CHECK-LABEL: func.func private @mask_it__with_masks(
// CHECK-SAME: -> (tensor<3x3x1xf32>, tensor<3x3xi1> {nn.mask_of = 0 : i64})
// CHECK: return %{{.*}}, %{{.*}} : tensor<3x3x1xf32>, tensor<3x3xi1>
// CHECK-LABEL: func.func @caller
// CHECK: %[[R:.*]]:2 = call @mask_it__with_masks(
// CHECK: nn.global_avg_pool %[[R]]#0 mask %[[R]]#1
func.func @mask_it(%x: tensor<3x3x1xf32>) -> tensor<3x3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  return %d : tensor<3x3x1xf32>
}
func.func @caller(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d = func.call @mask_it(%x) : (tensor<3x3x1xf32>) -> tensor<3x3x1xf32>
  %p = nn.global_avg_pool %d : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %p : tensor<3x1xf32>
}

// -----

// Through two levels of private calls, both ways.
// CHECK-LABEL: func.func private @inner(
// CHECK-SAME: -> (tensor<2x2x1xf32>, tensor<2x2xi1> {nn.mask_of = 0 : i64})
// CHECK-LABEL: func.func private @outer(
// CHECK-SAME: -> (tensor<2x2x1xf32>, tensor<2x2xi1> {nn.mask_of = 0 : i64})
// CHECK-LABEL: func.func @top
// CHECK: %[[R:.*]]:2 = call @outer(
// CHECK: nn.global_avg_pool %[[R]]#0 mask %[[R]]#1
func.func private @inner(%x: tensor<2x2x1xf32>) -> tensor<2x2x1xf32> {
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x2x1xf32> -> tensor<2x2x1xf32>, tensor<2x2xi1>
  return %d : tensor<2x2x1xf32>
}
func.func private @outer(%x: tensor<2x2x1xf32>) -> tensor<2x2x1xf32> {
  %0 = func.call @inner(%x) : (tensor<2x2x1xf32>) -> tensor<2x2x1xf32>
  %1 = nn.tanh %0 : tensor<2x2x1xf32>
  return %1 : tensor<2x2x1xf32>
}
func.func @top(%x: tensor<2x2x1xf32>) -> tensor<2x1xf32> {
  %0 = func.call @outer(%x) : (tensor<2x2x1xf32>) -> tensor<2x2x1xf32>
  %p = nn.global_avg_pool %0 : (tensor<2x2x1xf32>) -> tensor<2x1xf32>
  return %p : tensor<2x1xf32>
}

// -----

// Through scf.for (the carried value keeps its mask) and scf.if (both
// branches yield data with the same mask).
// CHECK-LABEL: func.func @regions
// CHECK: %{{.*}}, %[[M:[a-z0-9_]+]] = nn.masking
// CHECK: %[[LOOP:.*]] = scf.for
// CHECK: %[[IF:.*]] = scf.if
// CHECK: nn.global_avg_pool %[[LOOP]] mask %[[M]]
// CHECK: nn.global_max_pool %[[IF]] mask %[[M]]
func.func @regions(%x: tensor<2x3x1xf32>, %flag: i1) -> (tensor<2x1xf32>, tensor<2x1xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x3x1xf32> -> tensor<2x3x1xf32>, tensor<2x3xi1>
  %loop = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %d) -> tensor<2x3x1xf32> {
    %t = nn.tanh %acc : tensor<2x3x1xf32>
    scf.yield %t : tensor<2x3x1xf32>
  }
  %if = scf.if %flag -> tensor<2x3x1xf32> {
    %r = nn.relu %d : tensor<2x3x1xf32>
    scf.yield %r : tensor<2x3x1xf32>
  } else {
    scf.yield %d : tensor<2x3x1xf32>
  }
  %p = nn.global_avg_pool %loop : (tensor<2x3x1xf32>) -> tensor<2x1xf32>
  %q = nn.global_max_pool %if : (tensor<2x3x1xf32>) -> tensor<2x1xf32>
  return %p, %q : tensor<2x1xf32>, tensor<2x1xf32>
}

// -----

// Keras passes the model output's mask into the loss: Masking, then a dense
// layer per timestep; the loss on [batch, time, classes] gets the timestep
// mask (its per-example shape). Only the logits' / predictions' mask is
// looked up (masked targets give none), and a loss's own mask is kept.
// CHECK-LABEL: func.func @losses
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<2x3x4xf32>, %{{.*}}: tensor<4x5xf32>, %[[L:[a-z0-9_]+]]: tensor<2x3xi32>, %[[T:[a-z0-9_]+]]: tensor<2x3x5xf32>, %[[OWN:[a-z0-9_]+]]: tensor<2x3xi1>)
// CHECK: %[[D:.*]], %[[M:[a-z0-9_]+]] = nn.masking %[[X]]
// CHECK: %[[H:.*]] = nn.dense %[[D]]
// CHECK: nn.sparse_softmax_cross_entropy %[[H]], %[[L]] mask %[[M]] :
// CHECK: nn.softmax_cross_entropy %[[H]], %[[T]] mask %[[M]] sample_weight
// CHECK: nn.sigmoid_binary_cross_entropy %[[H]], %[[T]] mask %[[M]] reduction = none
// CHECK: nn.mean_squared_error %[[T]], %[[H]] :
// CHECK: nn.mean_squared_error %[[H]], %[[T]] mask %[[OWN]] :
func.func @losses(%x: tensor<2x3x4xf32>, %w: tensor<4x5xf32>, %labels: tensor<2x3xi32>, %t: tensor<2x3x5xf32>, %own: tensor<2x3xi1>)
    -> (tensor<f32>, tensor<f32>, tensor<2x3xf32>, tensor<f32>, tensor<f32>) {
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x3x4xf32> -> tensor<2x3x4xf32>, tensor<2x3xi1>
  %h = nn.dense %d, %w : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %0 = nn.sparse_softmax_cross_entropy %h, %labels : (tensor<2x3x5xf32>, tensor<2x3xi32>) -> tensor<f32>
  %sw = arith.constant dense<2.0> : tensor<2x3xf32>
  %1 = nn.softmax_cross_entropy %h, %t sample_weight %sw : (tensor<2x3x5xf32>, tensor<2x3x5xf32>, tensor<2x3xf32>) -> tensor<f32>
  %2 = nn.sigmoid_binary_cross_entropy %h, %t reduction = none : (tensor<2x3x5xf32>, tensor<2x3x5xf32>) -> tensor<2x3xf32>
  %3 = nn.mean_squared_error %t, %h : (tensor<2x3x5xf32>, tensor<2x3x5xf32>) -> tensor<f32>
  %4 = nn.mean_squared_error %h, %t mask %own : (tensor<2x3x5xf32>, tensor<2x3x5xf32>, tensor<2x3xi1>) -> tensor<f32>
  return %0, %1, %2, %3, %4 : tensor<f32>, tensor<f32>, tensor<2x3xf32>, tensor<f32>, tensor<f32>
}

// -----

// Into a loss inside a private callee (a Keras custom loss function): the
// callee gets the mask as an argument.
// CHECK-LABEL: func.func private @loss_fn
// CHECK-SAME: (%{{.*}}: tensor<2x3x1xf32>, %{{.*}}: tensor<2x3x1xf32>, %[[M:[a-z0-9_]+]]: tensor<2x3xi1> {nn.mask_of = 0 : i64})
// CHECK: nn.mean_squared_error %{{.*}}, %{{.*}} mask %[[M]]
func.func private @loss_fn(%y: tensor<2x3x1xf32>, %t: tensor<2x3x1xf32>) -> tensor<f32> {
  %l = nn.mean_squared_error %y, %t : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
func.func @train_step(%x: tensor<2x3x1xf32>, %t: tensor<2x3x1xf32>) -> tensor<f32> {
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x3x1xf32> -> tensor<2x3x1xf32>, tensor<2x3xi1>
  %y = nn.tanh %d : tensor<2x3x1xf32>
  %l = func.call @loss_fn(%y, %t) : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
