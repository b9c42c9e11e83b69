// RUN: nn-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect

// nn.dense C1: the kernel is [in, out].
func.func @dense_c1_kernel_rank(%x: tensor<4x8xf32>, %w: tensor<8xf32>) -> tensor<4x8xf32> {
  // expected-error @+2 {{'nn.dense' op kernel must have rank 2 ([in, out]), got shape 8 [C1]}}
  // expected-error @+1 {{'nn.dense' op failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// nn.dense C1: the input has a feature dimension.
func.func @dense_c1_scalar_input(%x: tensor<f32>, %w: tensor<8x2xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{'nn.dense' op input must have rank >= 1 ([batch..., in]), got a scalar [C1]}}
  // expected-error @+1 {{'nn.dense' op failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<f32>, tensor<8x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// nn.dense C2: input features must match the kernel's rows.
func.func @dense_c2(%x: tensor<4x784xf32>, %w: tensor<780x128xf32>) -> tensor<4x128xf32> {
  // expected-error @+2 {{'nn.dense' op kernel shape 780x128 does not match the input's feature size 784 (input shape 4x784); expected a kernel of shape 784x128 [C2]}}
  // expected-error @+1 {{'nn.dense' op failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<4x784xf32>, tensor<780x128xf32>) -> tensor<4x128xf32>
  return %0 : tensor<4x128xf32>
}

// -----

// nn.dense C3: the bias is [out].
func.func @dense_c3(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<8xf32>) -> tensor<4x16xf32> {
  // expected-error @+2 {{'nn.dense' op bias shape 8 does not match the kernel's output size 16 (expected shape 16) [C3]}}
  // expected-error @+1 {{'nn.dense' op failed to infer returned types}}
  %0 = nn.dense %x, %w, %b : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<8xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// nn.dense C4: the result is [batch..., out].
func.func @dense_c4(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x8xf32> {
  // expected-error @+2 {{'nn.dense' op inferred type(s) 'tensor<4x16xf32>' are incompatible with return type(s) of operation 'tensor<4x8xf32>'}}
  // expected-error @+1 {{'nn.dense' op failed to infer returned types}}
  %0 = nn.dense %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Element types: data is f32.
func.func @dense_f64(%x: tensor<4x8xf64>, %w: tensor<8x16xf64>) -> tensor<4x16xf64> {
  // expected-error @+1 {{'nn.dense' op operand #0 must be statically shaped tensor of 32-bit float values}}
  %0 = nn.dense %x, %w : (tensor<4x8xf64>, tensor<8x16xf64>) -> tensor<4x16xf64>
  return %0 : tensor<4x16xf64>
}

// -----

// Shapes are static.
func.func @dense_dynamic(%x: tensor<?x8xf32>, %w: tensor<8x16xf32>) -> tensor<?x16xf32> {
  // expected-error @+1 {{'nn.dense' op operand #0 must be statically shaped tensor of 32-bit float values}}
  %0 = nn.dense %x, %w : (tensor<?x8xf32>, tensor<8x16xf32>) -> tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// -----

// nn.embedding C1: the table is [vocab, features].
func.func @embedding_c1(%ids: tensor<2xi32>, %table: tensor<100xf32>) -> tensor<2x1xf32> {
  // expected-error @+2 {{'nn.embedding' op table must have rank 2 ([vocab, features]), got shape 100 [C1]}}
  // expected-error @+1 {{'nn.embedding' op failed to infer returned types}}
  %0 = nn.embedding %ids, %table : (tensor<2xi32>, tensor<100xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// nn.embedding C3: the padding mask is a timestep mask of [batch, time] ids.
func.func @embedding_c3_rank(%ids: tensor<2x5x3xi32>, %table: tensor<100x16xf32>) {
  // expected-error @+2 {{'nn.embedding' op with mask_zero, ids must have rank 2 ([batch, time]) so that the mask is a timestep mask, got shape 2x5x3 [C3]}}
  // expected-error @+1 {{'nn.embedding' op failed to infer returned types}}
  %0, %1 = nn.embedding %ids, %table mask_zero : (tensor<2x5x3xi32>, tensor<100x16xf32>) -> (tensor<2x5x3x16xf32>, tensor<2x5x3xi1>)
  return
}

// -----

// nn.embedding C3: no mask result without mask_zero.
func.func @embedding_c3_no_mask_zero(%ids: tensor<2x5xi32>, %table: tensor<100x16xf32>) {
  // expected-error @+2 {{'nn.embedding' op inferred type(s) 'tensor<2x5x16xf32>' are incompatible with return type(s) of operation 'tensor<2x5x16xf32>', 'tensor<2x5xi1>'}}
  // expected-error @+1 {{'nn.embedding' op failed to infer returned types}}
  %0, %1 = nn.embedding %ids, %table : (tensor<2x5xi32>, tensor<100x16xf32>) -> (tensor<2x5x16xf32>, tensor<2x5xi1>)
  return
}

// -----

// An attribute an op does not define is an error naming it, on every nn op
// (the DefinedAttributesOnly trait of the base op): here the option a user
// expected from Keras on an op that has no such option.
func.func @undefined_attribute(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'nn.relu' op has no attribute 'mask_zero' (it defines none)}}
  %0 = nn.relu %x {mask_zero = true} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @undefined_attribute_listed(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'nn.softmax' op has no attribute 'dim' (it defines: axis)}}
  %0 = nn.softmax %x {dim = 1 : i64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// An attribute of the nn dialect goes to the dialect's verifier.
func.func @unknown_nn_attribute(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{unknown nn dialect attribute 'nn.mask_zero'}}
  %0 = nn.relu %x {nn.mask_zero = true} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// nn.embedding C2: the result is ids' shape followed by features.
func.func @embedding_c2(%ids: tensor<2xi32>, %table: tensor<100x16xf32>) -> tensor<2x8xf32> {
  // expected-error @+2 {{'nn.embedding' op inferred type(s) 'tensor<2x16xf32>' are incompatible with return type(s) of operation 'tensor<2x8xf32>'}}
  // expected-error @+1 {{'nn.embedding' op failed to infer returned types}}
  %0 = nn.embedding %ids, %table : (tensor<2xi32>, tensor<100x16xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// nn.embedding: ids are integers.
func.func @embedding_float_ids(%ids: tensor<2xf32>, %table: tensor<100x16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{'nn.embedding' op operand #0 must be statically shaped tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = nn.embedding %ids, %table : (tensor<2xf32>, tensor<100x16xf32>) -> tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}

// -----

// nn.softmax C1: the axis is in range.
func.func @softmax_c1(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'nn.softmax' op axis 2 is out of range for an input of rank 2 (expected -2 <= axis < 2) [C1]}}
  %0 = nn.softmax %x axis = 2 : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

func.func @softmax_c1_negative(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'nn.softmax' op axis -3 is out of range for an input of rank 2 (expected -2 <= axis < 2) [C1]}}
  %0 = nn.softmax %x axis = -3 : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// Activations keep their operand's type.
func.func @relu_type(%x: tensor<4x10xf32>) -> tensor<4x11xf32> {
  // expected-error @+1 {{'nn.relu' op requires the same type for all operands and results}}
  %0 = "nn.relu"(%x) : (tensor<4x10xf32>) -> tensor<4x11xf32>
  return %0 : tensor<4x11xf32>
}

// -----

func.func @gelu_approximation(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'approximation' [none, tanh]}}
  %0 = nn.gelu %x approximation = erf : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// nn.layer_norm C1: the axis is in range.
func.func @layer_norm_c1(%x: tensor<4x64xf32>) -> tensor<4x64xf32> {
  // expected-error @+2 {{'nn.layer_norm' op axis 5 is out of range for an input of rank 2 (expected -2 <= axis < 2) [C1]}}
  // expected-error @+1 {{'nn.layer_norm' op failed to infer returned types}}
  %0 = nn.layer_norm %x axis = 5 : (tensor<4x64xf32>) -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

// nn.layer_norm C2: epsilon is non-negative.
func.func @layer_norm_c2(%x: tensor<4x64xf32>) -> tensor<4x64xf32> {
  // expected-error @+2 {{'nn.layer_norm' op epsilon must be >= 0, got -1.000000e-03 [C2]}}
  // expected-error @+1 {{'nn.layer_norm' op failed to infer returned types}}
  %0 = nn.layer_norm %x epsilon = -1.0e-03 : (tensor<4x64xf32>) -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

// nn.layer_norm C3: scale matches the normalized axis.
func.func @layer_norm_c3_scale(%x: tensor<4x64xf32>, %g: tensor<4xf32>) -> tensor<4x64xf32> {
  // expected-error @+2 {{'nn.layer_norm' op scale shape 4 does not match the size 64 of axis 1 of the input 4x64 (expected shape 64) [C3]}}
  // expected-error @+1 {{'nn.layer_norm' op failed to infer returned types}}
  %0 = nn.layer_norm %x scale %g : (tensor<4x64xf32>, tensor<4xf32>) -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

// nn.layer_norm C3: offset matches the normalized axis.
func.func @layer_norm_c3_offset(%x: tensor<4x64xf32>, %b: tensor<64x1xf32>) -> tensor<4x64xf32> {
  // expected-error @+2 {{'nn.layer_norm' op offset shape 64x1 does not match the size 64 of axis 1 of the input 4x64 (expected shape 64) [C3]}}
  // expected-error @+1 {{'nn.layer_norm' op failed to infer returned types}}
  %0 = nn.layer_norm %x offset %b : (tensor<4x64xf32>, tensor<64x1xf32>) -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

// nn.global_avg_pool C1: the input is [batch, time, features].
func.func @global_avg_pool_c1(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{'nn.global_avg_pool' op input must have rank 3 ([batch, time, features]), got shape 3x3 [C1]}}
  // expected-error @+1 {{'nn.global_avg_pool' op failed to infer returned types}}
  %0 = nn.global_avg_pool %x : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// nn.global_max_pool C1: the time axis is not empty.
func.func @global_max_pool_c1(%x: tensor<3x0x2xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'nn.global_max_pool' op cannot pool over an empty time axis (input shape 3x0x2) [C1]}}
  // expected-error @+1 {{'nn.global_max_pool' op failed to infer returned types}}
  %0 = nn.global_max_pool %x : (tensor<3x0x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// nn.global_avg_pool C2: the result is [batch, features].
func.func @global_avg_pool_c2(%x: tensor<3x5x2xf32>) -> tensor<3x5xf32> {
  // expected-error @+2 {{'nn.global_avg_pool' op inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<3x5xf32>'}}
  // expected-error @+1 {{'nn.global_avg_pool' op failed to infer returned types}}
  %0 = nn.global_avg_pool %x : (tensor<3x5x2xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// #nn.lowering_config: one entry per loop in both lists.
func.func @lowering_config_sizes(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{tile_sizes has 2 entries but reduction_tile_sizes has 1; both need one entry per loop}}
  %0 = linalg.copy {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 4], reduction_tile_sizes = [0]>} ins(%a : tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @lowering_config_cache_sizes(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{cache_tile_sizes has 1 entries but tile_sizes has 2; both need one entry per loop}}
  %0 = linalg.copy {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [4], tile_sizes = [1, 4], reduction_tile_sizes = [0, 0]>} ins(%a : tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @lowering_config_cache_multiple(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{cache tile 3 of loop 1 is not a multiple of its register tile 2}}
  %0 = linalg.copy {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [2, 3], tile_sizes = [1, 2], reduction_tile_sizes = [0, 0]>} ins(%a : tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @lowering_config_negative(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{tile sizes must be >= 0 (0 = not tiled)}}
  %0 = linalg.copy {nn.lowering_config = #nn.lowering_config<cache_tile_sizes = [-4, 4], tile_sizes = [1, 4], reduction_tile_sizes = [0, 0]>} ins(%a : tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @lowering_config_copied_negative(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{copied_operands are operand numbers (>= 0)}}
  %0 = linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [4, 4, 0], reduction_tile_sizes = [0, 0, 1], copied_operands = [-1]>} ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @lowering_config_copied_output(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'nn.lowering_config' copies operand 2 but the op has 2 inputs}}
  %0 = linalg.matmul {nn.lowering_config = #nn.lowering_config<tile_sizes = [4, 4, 0], reduction_tile_sizes = [0, 0, 1], copied_operands = [2]>} ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @lowering_config_loops(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'nn.lowering_config' has 3 tile sizes but the op has 2 loops}}
  %0 = linalg.copy {nn.lowering_config = #nn.lowering_config<tile_sizes = [1, 4, 1], reduction_tile_sizes = [0, 0, 0]>} ins(%a : tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @unknown_nn_attribute(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{unknown nn dialect attribute 'nn.tile'}}
  %0 = linalg.copy {nn.tile = 1} ins(%a : tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @lowering_config_on_untileable() {
  // expected-error @+1 {{'nn.lowering_config' is only valid on tileable ops}}
  "test.op"() {nn.lowering_config = #nn.lowering_config<tile_sizes = [1], reduction_tile_sizes = [0]>} : () -> ()
  return
}


// -----

// M1 (timestep masks): the mask is [batch, time] of the data.
func.func @global_avg_pool_m1(%x: tensor<3x4x2xf32>, %m: tensor<3x3xi1>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'nn.global_avg_pool' op mask shape 3x3 does not match the batch x time dims 3x4 of the input 3x4x2 [M1]}}
  %0 = nn.global_avg_pool %x mask %m : (tensor<3x4x2xf32>, tensor<3x3xi1>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @global_max_pool_m1(%x: tensor<3x4x2xf32>, %m: tensor<4x3xi1>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'nn.global_max_pool' op mask shape 4x3 does not match the batch x time dims 3x4 of the input 3x4x2 [M1]}}
  %0 = nn.global_max_pool %x mask %m : (tensor<3x4x2xf32>, tensor<4x3xi1>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @apply_mask_m1(%x: tensor<3x4x2xf32>, %m: tensor<3x4x2xi1>) -> tensor<3x4x2xf32> {
  // expected-error @+1 {{'nn.apply_mask' op mask shape 3x4x2 does not match the batch x time dims 3x4 of the input 3x4x2 [M1]}}
  %0 = nn.apply_mask %x, %m : tensor<3x4x2xf32>, tensor<3x4x2xi1>
  return %0 : tensor<3x4x2xf32>
}

// -----

func.func @apply_mask_m1_rank(%x: tensor<4xf32>, %m: tensor<4xi1>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.apply_mask' op a timestep mask needs data with batch and time dims, got shape 4 [M1]}}
  %0 = nn.apply_mask %x, %m : tensor<4xf32>, tensor<4xi1>
  return %0 : tensor<4xf32>
}

// -----

// Masks are i1.
func.func @mask_element_type(%x: tensor<3x4x2xf32>, %m: tensor<3x4xi8>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'nn.global_avg_pool' op operand #1 must be statically shaped tensor of 1-bit signless integer values, but got 'tensor<3x4xi8>'}}
  %0 = nn.global_avg_pool %x mask %m : (tensor<3x4x2xf32>, tensor<3x4xi8>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// nn.masking C1: [batch, time, features].
func.func @masking_c1(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'nn.masking' op input must have rank 3 ([batch, time, features]), got shape 3x4 [C1]}}
  // expected-error @+1 {{'nn.masking' op failed to infer returned types}}
  %0, %1 = nn.masking %x mask_value = 0.0 : tensor<3x4xf32> -> tensor<3x4xf32>, tensor<3xi1>
  return %0 : tensor<3x4xf32>
}

// -----

// nn.sequence_mask C1.
func.func @sequence_mask_c1(%len: tensor<3xi32>) -> tensor<4x5xi1> {
  // expected-error @+1 {{'nn.sequence_mask' op expected lengths of shape [batch] and a mask of shape [batch, time], got lengths 3 and mask 4x5 [C1]}}
  %0 = nn.sequence_mask %len : tensor<3xi32> -> tensor<4x5xi1>
  return %0 : tensor<4x5xi1>
}

// -----

// nn.causal_mask C1.
func.func @causal_mask_c1() -> tensor<4xi1> {
  // expected-error @+1 {{'nn.causal_mask' op expected a [q_time, k_time] mask, got shape 4 [C1]}}
  %0 = nn.causal_mask : tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// M2 (logits masks): the mask broadcasts to the logits from the last dim.
func.func @softmax_m2(%x: tensor<2x4x6xf32>, %m: tensor<2x6xi1>) -> tensor<2x4x6xf32> {
  // expected-error @+1 {{'nn.softmax' op mask shape 2x6 does not broadcast to the logits shape 2x4x6 (aligned from the last dimension, each mask dimension must equal the logits' or be 1) [M2]}}
  %0 = nn.softmax %x mask %m : tensor<2x4x6xf32>, tensor<2x6xi1>
  return %0 : tensor<2x4x6xf32>
}

// -----

func.func @softmax_m2_rank(%x: tensor<4x6xf32>, %m: tensor<1x4x6xi1>) -> tensor<4x6xf32> {
  // expected-error @+1 {{'nn.softmax' op mask shape 1x4x6 does not broadcast to the logits shape 4x6}}
  %0 = nn.softmax %x mask %m : tensor<4x6xf32>, tensor<1x4x6xi1>
  return %0 : tensor<4x6xf32>
}

// -----

// nn.attention C1.
func.func @attention_c1_rank(%q: tensor<2x4x8xf32>, %k: tensor<2x6x8xf32>, %v: tensor<2x6x3xf32>) -> tensor<2x4x3xf32> {
  // expected-error @+2 {{'nn.attention' op query, key and value must have rank 4 ([batch, heads, time, dim]), got shapes 2x4x8, 2x6x8 and 2x6x3 [C1]}}
  // expected-error @+1 {{'nn.attention' op failed to infer returned types}}
  %0 = nn.attention %q, %k, %v : (tensor<2x4x8xf32>, tensor<2x6x8xf32>, tensor<2x6x3xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

func.func @attention_c1_dims(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x7xf32>, %v: tensor<2x2x6x3xf32>) -> tensor<2x2x4x3xf32> {
  // expected-error @+2 {{'nn.attention' op query 2x2x4x8, key 2x2x6x7 and value 2x2x6x3 do not agree: batch and heads must match, key must have query's dim and value key's time [C1]}}
  // expected-error @+1 {{'nn.attention' op failed to infer returned types}}
  %0 = nn.attention %q, %k, %v : (tensor<2x2x4x8xf32>, tensor<2x2x6x7xf32>, tensor<2x2x6x3xf32>) -> tensor<2x2x4x3xf32>
  return %0 : tensor<2x2x4x3xf32>
}

// -----

// nn.attention C2.
func.func @attention_c2(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>, %v: tensor<2x2x6x3xf32>, %kp: tensor<2x4xi1>) -> tensor<2x2x4x3xf32> {
  // expected-error @+2 {{'nn.attention' op key_padding_mask shape 2x4 is not [batch, k_time] = 2x6 [C2]}}
  // expected-error @+1 {{'nn.attention' op failed to infer returned types}}
  %0 = nn.attention %q, %k, %v key_padding_mask %kp : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<2x4xi1>) -> tensor<2x2x4x3xf32>
  return %0 : tensor<2x2x4x3xf32>
}

// -----

// nn.attention M2.
func.func @attention_m2(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>, %v: tensor<2x2x6x3xf32>, %m: tensor<6x4xi1>) -> tensor<2x2x4x3xf32> {
  // expected-error @+2 {{'nn.attention' op mask shape 6x4 does not broadcast to the logits shape 2x2x4x6}}
  // expected-error @+1 {{'nn.attention' op failed to infer returned types}}
  %0 = nn.attention %q, %k, %v mask %m : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<6x4xi1>) -> tensor<2x2x4x3xf32>
  return %0 : tensor<2x2x4x3xf32>
}

// -----

// nn.rng.key C1: one seed.
func.func @rng_key_c1(%seed: tensor<i64>) -> !nn.key {
  // expected-error @+1 {{'nn.rng.key' op needs exactly one seed: an operand or the seed attribute [C1]}}
  %k = nn.rng.key %seed : tensor<i64> -> seed = 1 : !nn.key
  return %k : !nn.key
}

// -----

func.func @rng_key_no_seed() -> !nn.key {
  // expected-error @+1 {{'nn.rng.key' op needs exactly one seed: an operand or the seed attribute [C1]}}
  %k = nn.rng.key !nn.key
  return %k : !nn.key
}

// -----

// nn.rng.split C1.
func.func @rng_split_c1(%k: !nn.key) -> tensor<2x2x!nn.key> {
  // expected-error @+1 {{'nn.rng.split' op splits into a rank-1 key array, got shape 2x2 [C1]}}
  %ks = nn.rng.split %k : !nn.key -> tensor<2x2x!nn.key>
  return %ks : tensor<2x2x!nn.key>
}

// -----

// nn.rng.key_at C1.
func.func @rng_key_at_c1(%ks: tensor<2x!nn.key>) -> !nn.key {
  // expected-error @+1 {{'nn.rng.key_at' op index 2 is out of range for a key array of shape 2 [C1]}}
  %k = nn.rng.key_at %ks[2] : tensor<2x!nn.key>
  return %k : !nn.key
}

// -----

// nn.rng.threefry2x32 C1.
func.func @rng_threefry_c1(%k: !nn.key, %c: tensor<4x3xi32>) -> tensor<4x3xi32> {
  // expected-error @+1 {{'nn.rng.threefry2x32' op counters must be pairs (a last dimension of 2), got shape 4x3 [C1]}}
  %0 = nn.rng.threefry2x32 %k, %c : tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// -----

// nn.rng.uniform C1.
func.func @rng_uniform_c1(%k: !nn.key) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.rng.uniform' op needs minval < maxval, got [1.000000e+00, 1.000000e+00) [C1]}}
  %0 = nn.rng.uniform %k minval = 1.0 maxval = 1.0 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A key is not data.
func.func @key_as_data(%k: !nn.key) -> tensor<2xf32> {
  // expected-error @+1 {{'nn.relu' op operand #0 must be statically shaped tensor of 32-bit float values, but got '!nn.key'}}
  %0 = "nn.relu"(%k) : (!nn.key) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// nn.rng.bernoulli C1.
func.func @rng_bernoulli_c1(%k: !nn.key) -> tensor<4xi1> {
  // expected-error @+1 {{'nn.rng.bernoulli' op p must be in [0, 1], got 1.500000e+00 [C1]}}
  %0 = nn.rng.bernoulli %k p = 1.5 : tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// nn.dropout C1.
func.func @dropout_c1(%x: tensor<4xf32>, %k: !nn.key) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.dropout' op rate must be in [0, 1], got -1.000000e-01 [C1]}}
  %0 = nn.dropout %x, %k rate = -0.1 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// nn.init C1: random kinds need a key, deterministic ones take none.
func.func @init_c1_no_key() -> tensor<4x4xf32> {
  // expected-error @+1 {{'nn.init' op 'glorot_uniform' draws random numbers and needs a key [C1]}}
  %0 = nn.init glorot_uniform : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @init_c1_key(%k: !nn.key) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.init' op 'zeros' is deterministic and takes no key [C1]}}
  %0 = nn.init zeros %k : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// nn.rng.truncated_normal C1.
func.func @truncated_normal_c1(%k: !nn.key) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.rng.truncated_normal' op needs lower < upper, got (2.000000e+00, -2.000000e+00) [C1]}}
  %0 = nn.rng.truncated_normal %k lower = 2.0 upper = -2.0 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// nn.rng.permutation C1.
func.func @permutation_c1(%k: !nn.key) -> tensor<2x5xi32> {
  // expected-error @+1 {{'nn.rng.permutation' op a permutation is rank 1, got shape 2x5 [C1]}}
  %0 = nn.rng.permutation %k : tensor<2x5xi32>
  return %0 : tensor<2x5xi32>
}

// -----

// nn.rng.shuffle C1.
func.func @shuffle_c1(%x: tensor<f32>, %k: !nn.key) -> tensor<f32> {
  // expected-error @+1 {{'nn.rng.shuffle' op cannot shuffle a scalar [C1]}}
  %0 = nn.rng.shuffle %x, %k : tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @export_not_string(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'nn.export' must be a string (the name of the exported result)}}
  %0 = nn.relu %x {nn.export = 1} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @export_two_results(%x: tensor<2x2x1xf32>) -> tensor<2x2x1xf32> {
  // expected-error @+1 {{'nn.export' needs an op with one result, this one has 2}}
  %d, %m = nn.masking %x mask_value = 0.0 {nn.export = "both"} : tensor<2x2x1xf32> -> tensor<2x2x1xf32>, tensor<2x2xi1>
  return %d : tensor<2x2x1xf32>
}

// -----

// nn.sparse_softmax_cross_entropy C1: the logits have a class axis.
func.func @sparse_softmax_cross_entropy_c1(%x: tensor<f32>, %l: tensor<i32>) -> tensor<f32> {
  // expected-error @+2 {{'nn.sparse_softmax_cross_entropy' op logits must have rank >= 1 ([..., classes]), got a scalar [C1]}}
  // expected-error @+1 {{'nn.sparse_softmax_cross_entropy' op failed to infer returned types}}
  %0 = nn.sparse_softmax_cross_entropy %x, %l : (tensor<f32>, tensor<i32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// nn.mean_squared_error C1: the last axis is not empty (its mean would be
// 0 / 0).
func.func @mean_squared_error_c1(%y: tensor<4x0xf32>, %t: tensor<4x0xf32>) -> tensor<f32> {
  // expected-error @+2 {{'nn.mean_squared_error' op the last axis of predictions 4x0 is empty [C1]}}
  // expected-error @+1 {{'nn.mean_squared_error' op failed to infer returned types}}
  %0 = nn.mean_squared_error %y, %t : (tensor<4x0xf32>, tensor<4x0xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// nn.sparse_softmax_cross_entropy C2: one label per example (the logits'
// shape without the class axis).
func.func @sparse_softmax_cross_entropy_c2(%x: tensor<4x10xf32>, %l: tensor<4x10xi32>) -> tensor<f32> {
  // expected-error @+2 {{'nn.sparse_softmax_cross_entropy' op labels shape 4x10 does not match the per-example shape 4 of logits 4x10 (without the class axis) [C2]}}
  // expected-error @+1 {{'nn.sparse_softmax_cross_entropy' op failed to infer returned types}}
  %0 = nn.sparse_softmax_cross_entropy %x, %l : (tensor<4x10xf32>, tensor<4x10xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// nn.softmax_cross_entropy C2: the targets have the logits' shape.
func.func @softmax_cross_entropy_c2(%x: tensor<4x10xf32>, %t: tensor<4x9xf32>) -> tensor<f32> {
  // expected-error @+2 {{'nn.softmax_cross_entropy' op targets shape 4x9 does not match the shape 4x10 of logits 4x10 [C2]}}
  // expected-error @+1 {{'nn.softmax_cross_entropy' op failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %t : (tensor<4x10xf32>, tensor<4x9xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// nn.sigmoid_binary_cross_entropy C2: the labels have the logits' shape.
func.func @sigmoid_binary_cross_entropy_c2(%x: tensor<4x3xf32>, %z: tensor<4xf32>) -> tensor<f32> {
  // expected-error @+2 {{'nn.sigmoid_binary_cross_entropy' op labels shape 4 does not match the shape 4x3 of logits 4x3 [C2]}}
  // expected-error @+1 {{'nn.sigmoid_binary_cross_entropy' op failed to infer returned types}}
  %0 = nn.sigmoid_binary_cross_entropy %x, %z : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// nn.sigmoid_binary_cross_entropy C3: one weight per example, not per
// element.
func.func @sigmoid_binary_cross_entropy_c3(%x: tensor<4x3xf32>, %z: tensor<4x3xf32>, %w: tensor<4x3xf32>) -> tensor<f32> {
  // expected-error @+2 {{'nn.sigmoid_binary_cross_entropy' op sample_weight shape 4x3 is not the per-example shape 4 (logits 4x3 without its last axis) [C3]}}
  // expected-error @+1 {{'nn.sigmoid_binary_cross_entropy' op failed to infer returned types}}
  %0 = nn.sigmoid_binary_cross_entropy %x, %z sample_weight %w : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// nn.mean_squared_error C4: a reduced loss is a scalar.
func.func @mean_squared_error_c4(%y: tensor<4x3xf32>, %t: tensor<4x3xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'nn.mean_squared_error' op inferred type(s) 'tensor<f32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{'nn.mean_squared_error' op failed to infer returned types}}
  %0 = nn.mean_squared_error %y, %t reduction = sum : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// nn.softmax_cross_entropy C4: reduction = none gives the per-example
// losses.
func.func @softmax_cross_entropy_c4(%x: tensor<2x5x10xf32>, %t: tensor<2x5x10xf32>) -> tensor<f32> {
  // expected-error @+2 {{'nn.softmax_cross_entropy' op inferred type(s) 'tensor<2x5xf32>' are incompatible with return type(s) of operation 'tensor<f32>'}}
  // expected-error @+1 {{'nn.softmax_cross_entropy' op failed to infer returned types}}
  %0 = nn.softmax_cross_entropy %x, %t reduction = none : (tensor<2x5x10xf32>, tensor<2x5x10xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// nn.sparse_softmax_cross_entropy M3: the mask has the per-example shape
// (for [batch, time, classes] logits, the timestep mask [batch, time]).
func.func @sparse_softmax_cross_entropy_m3(%x: tensor<2x5x10xf32>, %l: tensor<2x5xi32>, %m: tensor<2x5x10xi1>) -> tensor<f32> {
  // expected-error @+1 {{'nn.sparse_softmax_cross_entropy' op mask shape 2x5x10 is not the per-example shape 2x5 (the input 2x5x10 without its last axis) [M3]}}
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m : (tensor<2x5x10xf32>, tensor<2x5xi32>, tensor<2x5x10xi1>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Integer labels are i32 or i64; probabilities and weights are f32.
func.func @sparse_softmax_cross_entropy_float_labels(%x: tensor<4x10xf32>, %l: tensor<4xf32>) -> tensor<f32> {
  // expected-error @+1 {{'nn.sparse_softmax_cross_entropy' op operand #1 must be statically shaped tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = nn.sparse_softmax_cross_entropy %x, %l : (tensor<4x10xf32>, tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// The reduction is one of Keras 3's words; Keras' alias `mean` is spelled
// sum_over_batch_size here (one name per meaning).
func.func @loss_reduction_word(%y: tensor<4x3xf32>, %t: tensor<4x3xf32>) -> tensor<f32> {
  // expected-error @+1 {{custom op 'nn.mean_squared_error' expected string or keyword containing one of the following enum values for attribute 'reduction' [sum_over_batch_size, sum, none, mean_with_sample_weight]}}
  %0 = nn.mean_squared_error %y, %t reduction = mean : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// nn.sgd_update C1: the gradient has the parameter's type (only the generic
// form can spell another).
func.func @sgd_update_c1(%p: tensor<4xf32>, %g: tensor<5xf32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op failed to verify that grad has the type of param [C1]}}
  %0 = "nn.sgd_update"(%p, %g, %lr) : (tensor<4xf32>, tensor<5xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// nn.sgd_update C1: so does the momentum buffer.
func.func @sgd_update_c1_buffer(%p: tensor<4xf32>, %g: tensor<4xf32>, %b: tensor<4x1xf32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op failed to verify that buffer has the type of param [C1]}}
  %0:2 = "nn.sgd_update"(%p, %g, %b, %lr) <{momentum = 9.0e-01 : f64}> : (tensor<4xf32>, tensor<4xf32>, tensor<4x1xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0 : tensor<4xf32>
}

// -----

// nn.sgd_update C2: a buffer needs a momentum.
func.func @sgd_update_c2_no_momentum(%p: tensor<4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op a momentum buffer needs a momentum (momentum = ...) [C2]}}
  %0:2 = nn.sgd_update %p, %g buffer %b lr %lr : tensor<4xf32>
  return %0#0 : tensor<4xf32>
}

// -----

// nn.sgd_update C2: a momentum needs a buffer.
func.func @sgd_update_c2_no_buffer(%p: tensor<4xf32>, %g: tensor<4xf32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op momentum = 9.000000e-01 needs a momentum buffer (buffer %b) [C2]}}
  %0 = nn.sgd_update %p, %g lr %lr momentum = 0.9 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// nn.sgd_update C3: a momentum in [0, 1].
func.func @sgd_update_c3(%p: tensor<4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op momentum must be in [0, 1], got 1.500000e+00 [C3]}}
  %0:2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 1.5 : tensor<4xf32>
  return %0#0 : tensor<4xf32>
}

// -----

// nn.sgd_update C4: Nesterov needs a buffer...
func.func @sgd_update_c4_no_buffer(%p: tensor<4xf32>, %g: tensor<4xf32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op nesterov needs a momentum buffer and momentum > 0 [C4]}}
  %0 = nn.sgd_update %p, %g lr %lr nesterov : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// ... and a momentum above 0 (PyTorch's rule).
func.func @sgd_update_c4_zero_momentum(%p: tensor<4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op nesterov needs a momentum buffer and momentum > 0 [C4]}}
  %0:2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.0 nesterov : tensor<4xf32>
  return %0#0 : tensor<4xf32>
}

// -----

// The learning rate is a rank-0 f32 tensor.
func.func @sgd_update_lr_type(%p: tensor<4xf32>, %g: tensor<4xf32>, %lr: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op operand #2 must be 0D tensor of 32-bit float values, but got 'tensor<1xf32>'}}
  %0 = "nn.sgd_update"(%p, %g, %lr) : (tensor<4xf32>, tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Dampening (PyTorch's) is not an option of nn.sgd_update.
func.func @sgd_update_dampening(%p: tensor<4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.sgd_update' op has no attribute 'dampening' (it defines: keras, momentum, nesterov)}}
  %0:2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 {dampening = 0.1} : tensor<4xf32>
  return %0#0 : tensor<4xf32>
}

// -----

// nn.adam_update C1: the moments have the parameter's type.
func.func @adam_update_c1(%p: tensor<4xf32>, %g: tensor<4xf32>, %v: tensor<4x1xf32>, %t: tensor<i32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.adam_update' op failed to verify that second_moment has the type of param [C1]}}
  %0:4 = "nn.adam_update"(%p, %g, %p, %v, %t, %lr) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4x1xf32>, tensor<i32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<i32>)
  return %0#0 : tensor<4xf32>
}

// -----

// nn.adam_update C2: beta1 in [0, 1).
func.func @adam_update_c2_beta1(%p: tensor<4xf32>, %t: tensor<i32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.adam_update' op beta1 must be in [0, 1), got 1.000000e+00 [C2]}}
  %0:4 = nn.adam_update %p, %p, %p, %p, %t lr %lr beta1 = 1.0 : tensor<4xf32>, tensor<i32>
  return %0#0 : tensor<4xf32>
}

// -----

// nn.adam_update C2: beta2 in [0, 1).
func.func @adam_update_c2_beta2(%p: tensor<4xf32>, %t: tensor<i32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.adam_update' op beta2 must be in [0, 1), got -1.000000e-01 [C2]}}
  %0:4 = nn.adam_update %p, %p, %p, %p, %t lr %lr beta2 = -0.1 : tensor<4xf32>, tensor<i32>
  return %0#0 : tensor<4xf32>
}

// -----

// nn.adam_update C3: epsilon > 0 (0 makes the first step 0 / 0 wherever the
// gradient is 0).
func.func @adam_update_c3(%p: tensor<4xf32>, %t: tensor<i32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.adam_update' op epsilon must be > 0, got 0.000000e+00 [C3]}}
  %0:4 = nn.adam_update %p, %p, %p, %p, %t lr %lr epsilon = 0.0 : tensor<4xf32>, tensor<i32>
  return %0#0 : tensor<4xf32>
}

// -----

// The step count is a rank-0 i32 or i64 tensor.
func.func @adam_update_step_type(%p: tensor<4xf32>, %t: tensor<f32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.adam_update' op operand #4 must be 0D tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<f32>'}}
  %0:4 = nn.adam_update %p, %p, %p, %p, %t lr %lr : tensor<4xf32>, tensor<f32>
  return %0#0 : tensor<4xf32>
}

// -----

// nn.adamw_update C2 as nn.adam_update's.
func.func @adamw_update_c2(%p: tensor<4xf32>, %t: tensor<i64>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.adamw_update' op beta1 must be in [0, 1), got 1.500000e+00 [C2]}}
  %0:4 = nn.adamw_update %p, %p, %p, %p, %t lr %lr weight_decay = 0.01 beta1 = 1.5 : tensor<4xf32>, tensor<i64>
  return %0#0 : tensor<4xf32>
}

// -----

// nn.adamw_update C4: a non-negative weight decay.
func.func @adamw_update_c4(%p: tensor<4xf32>, %t: tensor<i32>, %lr: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'nn.adamw_update' op weight_decay must be >= 0, got -1.000000e-02 [C4]}}
  %0:4 = nn.adamw_update %p, %p, %p, %p, %t lr %lr weight_decay = -0.01 : tensor<4xf32>, tensor<i32>
  return %0#0 : tensor<4xf32>
}

// -----

// nn.donated_from names an argument.
// expected-error @+1 {{'func.func' op result 0: 'nn.donated_from' must be the index of an argument (an i64 below 1), got 1 : i64}}
func.func @donated_from_out_of_range(%p: tensor<4xf32>) -> (tensor<4xf32> {nn.donated_from = 1 : i64}) {
  return %p : tensor<4xf32>
}

// -----

// nn.donated_from is an i64.
// expected-error @+1 {{'func.func' op result 0: 'nn.donated_from' must be the index of an argument (an i64 below 1), got 0 : i32}}
func.func @donated_from_i32(%p: tensor<4xf32>) -> (tensor<4xf32> {nn.donated_from = 0 : i32}) {
  return %p : tensor<4xf32>
}

// -----

// A donated result has its argument's type (it lives in its buffer).
// expected-error @+1 {{'func.func' op result 0 is donated from argument 0, so its type must be the argument's: 'tensor<2x2xf32>' vs 'tensor<4xf32>'}}
func.func @donated_from_other_type(%p: tensor<4xf32>) -> (tensor<2x2xf32> {nn.donated_from = 0 : i64}) {
  %r = tensor.expand_shape %p [[0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

// One buffer, one result.
// expected-error @+1 {{'func.func' op argument 0 is donated to results 0 and 1; a buffer holds one result}}
func.func @donated_twice(%p: tensor<4xf32>) -> (tensor<4xf32> {nn.donated_from = 0 : i64}, tensor<4xf32> {nn.donated_from = 0 : i64}) {
  return %p, %p : tensor<4xf32>, tensor<4xf32>
}
