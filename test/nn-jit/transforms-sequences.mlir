// nn-jvp, nn-vjp and nn-vmap of attention, embedding, the mask ops and
// masking against PyTorch float64 autograd and per-example runs
// (Inputs/torch_ops.py, in its own process), and the transpose identity
// between our nn-jvp and nn-vjp (Inputs/transform_check.py).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/torch_ops.py %t attention attention_plain embedding masking mask_ops
// RUN: %python %S/Inputs/transform_check.py %nn_obj_root/bin/nn-jit %s %t \
// RUN:   attention attention_plain embedding masking mask_ops \
// RUN:   | FileCheck %s --implicit-check-not=FAIL

// Causal, a [q, k] mask and a key padding mask (every query keeps a key),
// scale 0.5; vmap over q, k, v and the padding mask, the [q, k] mask shared.
// CHECK: CASE attention jvp OK
// CHECK: CASE attention vjp OK
// CHECK: CASE attention identity OK
// CHECK: CASE attention vmap OK
func.func @attention(%q: tensor<1x2x4x3xf32>, %k: tensor<1x2x5x3xf32>, %v: tensor<1x2x5x2xf32>,
                     %m: tensor<4x5xi1>, %kp: tensor<1x5xi1>) -> tensor<1x2x4x2xf32> {
  %0 = nn.attention %q, %k, %v mask %m key_padding_mask %kp causal scale = 0.5
      : (tensor<1x2x4x3xf32>, tensor<1x2x5x3xf32>, tensor<1x2x5x2xf32>, tensor<4x5xi1>, tensor<1x5xi1>) -> tensor<1x2x4x2xf32>
  return %0 : tensor<1x2x4x2xf32>
}

// No mask, the default scale 1/sqrt(4); vmap over q with k and v shared.
// CHECK: CASE attention_plain jvp OK
// CHECK: CASE attention_plain vjp OK
// CHECK: CASE attention_plain identity OK
// CHECK: CASE attention_plain vmap OK
func.func @attention_plain(%q: tensor<2x1x3x4xf32>, %k: tensor<2x1x6x4xf32>, %v: tensor<2x1x6x3xf32>) -> tensor<2x1x3x3xf32> {
  %0 = nn.attention %q, %k, %v : (tensor<2x1x3x4xf32>, tensor<2x1x6x4xf32>, tensor<2x1x6x3xf32>) -> tensor<2x1x3x3xf32>
  return %0 : tensor<2x1x3x3xf32>
}

// With respect to the table (repeated ids add up, ids -1 and 5 select
// zeros), with and without mask_zero; vmap over the ids, the table shared
// (a batched table: vmap-embedding-batched-table.mlir).
// CHECK: CASE embedding jvp OK
// CHECK: CASE embedding vjp OK
// CHECK: CASE embedding identity OK
// CHECK: CASE embedding vmap OK
func.func @embedding(%ids: tensor<2x6xi32>, %table: tensor<5x3xf32>) -> (tensor<2x6x3xf32>, tensor<2x6x3xf32>, tensor<2x6xi1>) {
  %0 = nn.embedding %ids, %table : (tensor<2x6xi32>, tensor<5x3xf32>) -> tensor<2x6x3xf32>
  %1, %2 = nn.embedding %ids, %table mask_zero : (tensor<2x6xi32>, tensor<5x3xf32>) -> (tensor<2x6x3xf32>, tensor<2x6xi1>)
  return %0, %1, %2 : tensor<2x6x3xf32>, tensor<2x6x3xf32>, tensor<2x6xi1>
}

// Keras Masking (steps equal to -99 everywhere are masked, one -99 feature
// alone is not), its mask applied to another sequence and to a pooling.
// CHECK: CASE masking jvp OK
// CHECK: CASE masking vjp OK
// CHECK: CASE masking identity OK
// CHECK: CASE masking vmap OK
func.func @masking(%x: tensor<2x4x3xf32>, %y: tensor<2x4x2xf32>) -> (tensor<2x4x3xf32>, tensor<2x4xi1>, tensor<2x4x2xf32>, tensor<2x2xf32>) {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<2x4x3xf32> -> tensor<2x4x3xf32>, tensor<2x4xi1>
  %a = nn.apply_mask %y, %m : tensor<2x4x2xf32>, tensor<2x4xi1>
  %p = nn.global_avg_pool %a mask %m : (tensor<2x4x2xf32>, tensor<2x4xi1>) -> tensor<2x2xf32>
  return %d, %m, %a, %p : tensor<2x4x3xf32>, tensor<2x4xi1>, tensor<2x4x2xf32>, tensor<2x2xf32>
}

// Masks carry no tangent: sequence_mask from lengths (one below 0, one
// beyond the time axis), causal_mask, and mask_not / mask_and / mask_or
// combining it with a mask argument, used by two softmaxes and a pooling;
// the masks are results too (compared as values). vmap over x and the
// lengths, the mask argument shared.
// CHECK: CASE mask_ops jvp OK
// CHECK: CASE mask_ops vjp OK
// CHECK: CASE mask_ops identity OK
// CHECK: CASE mask_ops vmap OK
func.func @mask_ops(%x: tensor<3x4x4xf32>, %lengths: tensor<3xi32>, %m: tensor<4x4xi1>)
    -> (tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4xf32>, tensor<3x4xi1>, tensor<4x4xi1>) {
  %s = nn.sequence_mask %lengths : tensor<3xi32> -> tensor<3x4xi1>
  %c = nn.causal_mask : tensor<4x4xi1>
  %n = nn.mask_not %m : tensor<4x4xi1>
  %a = nn.mask_and %c, %n : tensor<4x4xi1>
  %nc = nn.mask_not %c : tensor<4x4xi1>
  %o = nn.mask_or %a, %nc : tensor<4x4xi1>
  %y = nn.softmax %x mask %a : tensor<3x4x4xf32>, tensor<4x4xi1>
  %z = nn.softmax %x mask %o : tensor<3x4x4xf32>, tensor<4x4xi1>
  %p = nn.global_avg_pool %x mask %s : (tensor<3x4x4xf32>, tensor<3x4xi1>) -> tensor<3x4xf32>
  return %y, %z, %p, %s, %o : tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4xf32>, tensor<3x4xi1>, tensor<4x4xi1>
}
