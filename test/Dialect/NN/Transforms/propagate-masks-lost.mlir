// RUN: nn-opt %s -split-input-file --nn-propagate-masks -verify-diagnostics
// RUN: not nn-opt %s -split-input-file --nn-propagate-masks=strict=true 2>&1 | FileCheck %s --check-prefix=STRICT

// A mask that cannot be carried through an op is reported where it is used.
func.func @lost(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  // expected-note @+1 {{the mask was lost here}}
  %r = tensor.cast %d : tensor<3x3x1xf32> to tensor<3x3x1xf32>
  // expected-warning @+1 {{the input comes from masked data, but its timestep mask was lost at 'tensor.cast'; masked (padded) steps will be included}}
  %p = nn.global_avg_pool %r : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %p : tensor<3x1xf32>
}
// STRICT: error: the input comes from masked data, but its timestep mask was lost at 'tensor.cast'

// -----

// Unmasked data is not a concern.
func.func @unmasked(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %p = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %p : tensor<3x1xf32>
}

// -----

// An scf.if whose branches carry different masks: the mask is lost at the if.
func.func @if_different_masks(%x: tensor<2x3x1xf32>, %flag: i1) -> tensor<2x1xf32> {
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x3x1xf32> -> tensor<2x3x1xf32>, tensor<2x3xi1>
  %e, %n = nn.masking %x mask_value = 1.0 : tensor<2x3x1xf32> -> tensor<2x3x1xf32>, tensor<2x3xi1>
  // expected-note @+1 {{the mask was lost here}}
  %if = scf.if %flag -> tensor<2x3x1xf32> {
    scf.yield %d : tensor<2x3x1xf32>
  } else {
    scf.yield %e : tensor<2x3x1xf32>
  }
  // expected-warning @+1 {{the input comes from masked data, but its timestep mask was lost at 'scf.if'}}
  %p = nn.global_avg_pool %if : (tensor<2x3x1xf32>) -> tensor<2x1xf32>
  return %p : tensor<2x1xf32>
}

// -----

// A loss whose logits lost their mask is reported like pooling.
func.func @loss_lost(%x: tensor<2x3x4xf32>, %labels: tensor<2x3xi32>) -> tensor<f32> {
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x3x4xf32> -> tensor<2x3x4xf32>, tensor<2x3xi1>
  // expected-note @+1 {{the mask was lost here}}
  %r = tensor.cast %d : tensor<2x3x4xf32> to tensor<2x3x4xf32>
  // expected-warning @+1 {{the input comes from masked data, but its timestep mask was lost at 'tensor.cast'; masked (padded) steps will be included}}
  %l = nn.sparse_softmax_cross_entropy %r, %labels : (tensor<2x3x4xf32>, tensor<2x3xi32>) -> tensor<f32>
  return %l : tensor<f32>
}

// -----

// A timestep mask [batch, time] does not fit a loss over [batch, time, h,
// n] (per-example shape [batch, time, h]): it is not attached, and the
// loss is reported.
func.func @loss_other_shape(%x: tensor<2x3x4x5xf32>, %m: tensor<2x3xi1>, %t: tensor<2x3x4x5xf32>) -> tensor<f32> {
  %d = nn.apply_mask %x, %m : tensor<2x3x4x5xf32>, tensor<2x3xi1>
  // expected-warning @+1 {{the input carries a timestep mask of shape 2x3, which is not the loss's per-example shape 2x3x4; masked (padded) steps will be included}}
  %l = nn.mean_squared_error %d, %t : (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
// STRICT: error: the input carries a timestep mask of shape 2x3, which is not the loss's per-example shape 2x3x4
