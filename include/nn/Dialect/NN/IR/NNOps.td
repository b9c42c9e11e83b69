//===- NNOps.td - nn dialect operations --------------------*- tablegen -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNOPS_TD
#define NN_DIALECT_NN_IR_NNOPS_TD

include "nn/Dialect/NN/IR/NNDialect.td"
include "nn/Dialect/NN/IR/NNAttrs.td"
include "nn/Dialect/NN/IR/NNTypes.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

/// Data and parameters: statically shaped f32 tensors.
def NN_FloatTensor : StaticShapeTensorOf<[F32]>;

/// Integer indices (embedding ids).
def NN_IndexTensor : StaticShapeTensorOf<[I32, I64]>;

/// Masks: true = keep. Lowered to bytes (0/1) in memory.
def NN_MaskTensor : StaticShapeTensorOf<[I1]>;

/// Sequence lengths.
def NN_LengthTensor : StaticShapeTensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Traits
//===----------------------------------------------------------------------===//

/// The op's optional `mask` operand is a timestep mask of its `input`: an i1
/// [batch, time] tensor matching the input's first two dimensions. Written
/// once here; NNShapes.cpp has the rule.
def NN_TimestepMasked : NativeOpTrait<"TimestepMasked"> {
  let cppNamespace = "::mlir::nn::OpTrait";
}

/// The op's optional `mask` operand is a logits mask of its `input`: i1,
/// broadcasting to the input's shape (rule M2 in NNShapes.cpp).
def NN_LogitsMasked : NativeOpTrait<"LogitsMasked"> {
  let cppNamespace = "::mlir::nn::OpTrait";
}

/// Every attribute on the op is one the op defines, or a discardable
/// attribute of the nn dialect (`nn.export`, `nn.lowering_config`: the
/// dialect verifies those). A misspelt or foreign attribute, such as
/// `{mask_zero = true}` on an op without that option, is an error naming it
/// rather than an attribute silently ignored.
def NN_DefinedAttributesOnly : NativeOpTrait<"DefinedAttributesOnly"> {
  let cppNamespace = "::mlir::nn::OpTrait";
}

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

/// Every nn op is Pure: its results depend only on its operands (random ops
/// take their key as an operand), so CSE, DCE and folding are always legal.
class NN_Op<string mnemonic, list<Trait> traits = []>
    : Op<NN_Dialect, mnemonic,
         !listconcat([Pure, NN_DefinedAttributesOnly], traits)>;

/// An elementwise activation: one f32 tensor in, the same type out.
class NN_ActivationOp<string mnemonic, list<Trait> traits = []>
    : NN_Op<mnemonic, !listconcat([SameOperandsAndResultType, Elementwise],
                                  traits)> {
  let arguments = (ins NN_FloatTensor:$input);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

//===----------------------------------------------------------------------===//
// Linear layers
//===----------------------------------------------------------------------===//

def NN_DenseOp : NN_Op<"dense", [InferTypeOpAdaptor]> {
  let summary = "fully connected layer: input x kernel + bias";
  let description = [{
    Computes `output[..., j] = sum_i input[..., i] * kernel[i, j] + bias[j]`,
    the Keras `Dense` layer without its activation. The kernel uses the Keras
    layout `[in, out]`; leading dimensions of the input are batch dimensions.
    The product is accumulated over `i` in increasing order and the bias is
    added after the sum.

    Rules:
    * C1: `input` has rank >= 1 and `kernel` has rank 2.
    * C2: the last dimension of `input` equals `kernel`'s dimension 0 (in).
    * C3: `bias`, when present, has shape `[out]` (`kernel`'s dimension 1).
    * C4: the result has the input's shape with its last dimension replaced
      by `out`.

    Example:

    ```mlir
    %y = nn.dense %x, %w, %b : (tensor<4x784xf32>, tensor<784x128xf32>,
                                tensor<128xf32>) -> tensor<4x128xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$kernel,
                       Optional<NN_FloatTensor>:$bias);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $kernel (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
}

def NN_EmbeddingOp : NN_Op<"embedding", [InferTypeOpAdaptor]> {
  let summary = "looks up rows of an embedding table by integer id";
  let description = [{
    `output[i..., :] = table[ids[i...], :]`, the Keras `Embedding` layer.

    Out-of-range ids (negative, or >= the number of rows) select a row of
    zeros. This is defined behaviour, never a read out of bounds; it differs
    from JAX's `take` (NaN fill) and TensorFlow (an error) so that padding ids
    cannot poison later reductions.

    With `mask_zero` (Keras' `Embedding(mask_zero=True)`), id 0 is padding:
    the op has a second result, the timestep mask `mask[b, t] = ids[b, t] !=
    0`, which `nn-propagate-masks` carries from `output` to the ops that
    consume a mask (pooling, losses), as Keras passes the layer's mask on.
    The padding steps' rows are still looked up (row 0), as in Keras.

    Rules:
    * C1: `table` has rank 2 `[vocab, features]`.
    * C2: the result shape is the shape of `ids` followed by `features`.
    * C3: with `mask_zero`, `ids` has rank 2 `[batch, time]` and `mask` is
      the i1 tensor of that shape; without it there is no `mask` result.

    Example:

    ```mlir
    %e = nn.embedding %ids, %table : (tensor<2x5xi32>, tensor<100x16xf32>)
                                      -> tensor<2x5x16xf32>
    %x, %m = nn.embedding %ids, %table mask_zero
        : (tensor<2x5xi32>, tensor<100x16xf32>)
          -> (tensor<2x5x16xf32>, tensor<2x5xi1>)
    ```
  }];
  let arguments = (ins NN_IndexTensor:$ids, NN_FloatTensor:$table,
                       UnitAttr:$mask_zero);
  let results = (outs NN_FloatTensor:$output, Optional<NN_MaskTensor>:$mask);
  let assemblyFormat = [{
    $ids `,` $table (`mask_zero` $mask_zero^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

def NN_ReluOp : NN_ActivationOp<"relu"> {
  let summary = "rectified linear unit: max(x, 0)";
  let description = [{
    `max(x, 0)` elementwise; NaN propagates (as `jnp.maximum`). The
    derivative at 0 is taken as 0, as in JAX.

    Example: `%y = nn.relu %x : tensor<4x128xf32>`
  }];
  let hasFolder = 1;
}

def NN_GeluOp : NN_ActivationOp<"gelu"> {
  let summary = "Gaussian error linear unit";
  let description = [{
    `approximation = none` (the default, Keras' `approximate=False`):
    `0.5 * x * (1 + erf(x / sqrt(2)))`.

    `approximation = tanh` (Keras' `approximate=True`, JAX's default):
    `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.

    Example: `%y = nn.gelu %x approximation = tanh : tensor<4x128xf32>`
  }];
  let arguments = (ins NN_FloatTensor:$input,
                       DefaultValuedAttr<NN_GeluApproximation,
                           "::mlir::nn::GeluApproximation::none">:$approximation);
  let assemblyFormat = [{
    $input (`approximation` `=` $approximation^)? attr-dict `:` type($input)
  }];
}

def NN_TanhOp : NN_ActivationOp<"tanh"> {
  let summary = "hyperbolic tangent";
  let description = [{
    Elementwise `tanh(x)`.

    Example: `%y = nn.tanh %x : tensor<4x16xf32>`
  }];
}

def NN_SigmoidOp : NN_ActivationOp<"sigmoid"> {
  let summary = "logistic sigmoid: 1 / (1 + exp(-x))";
  let description = [{
    Elementwise `1 / (1 + exp(-x))`, computed as `exp(x) / (1 + exp(x))`
    for negative x so that no exp overflows: large positive x gives exactly
    1, very negative x a tiny (eventually denormal, then 0) value rather
    than NaN, and the derivatives of nn-jvp / nn-vjp stay finite.

    Example: `%y = nn.sigmoid %x : tensor<4x16xf32>`
  }];
}

def NN_SoftmaxOp : NN_Op<"softmax", [AllTypesMatch<["input", "output"]>,
                                      NN_LogitsMasked]> {
  let summary = "numerically stable softmax along one axis, optionally masked";
  let description = [{
    `exp(x - max(x)) / sum(exp(x - max(x)))` along `axis` (default -1, the
    last axis), as `jax.nn.softmax` and Keras' `Softmax` layer compute it:
    the maximum is subtracted first, so large logits do not overflow.

    With a logits `mask` (i1, true = keep) that broadcasts to the input
    (rule M2), masked positions get probability exactly 0 and the others
    share the mass. A slice along `axis` that is masked everywhere gives all
    zeros (Keras and Flax give a uniform distribution there, JAX's
    `where=` gives NaN); no NaN arises unless the data has one. As in JAX,
    a NaN (or +inf) among a slice's kept logits makes that whole slice NaN.

    Rules:
    * C1: `-rank <= axis < rank`.
    * M2: `mask` broadcasts to the input: aligned from the last dimension,
      each mask dimension equals the input's or is 1, and the mask has no
      more dimensions than the input (a causal `[q, k]` mask against
      `[batch, heads, q, k]` logits, or `[batch, 1, 1, k]`).

    Example:

    ```mlir
    %p = nn.softmax %logits axis = 1 : tensor<4x10xf32>
    %q = nn.softmax %logits mask %keep : tensor<4x10xf32>, tensor<4x10xi1>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, Optional<NN_MaskTensor>:$mask,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input (`mask` $mask^)? (`axis` `=` $axis^)? attr-dict `:` type($input)
    (`,` type($mask)^)?
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The axis as a non-negative dimension index.
    int64_t getNormalizedAxis();
  }];
}

def NN_AttentionOp : NN_Op<"attention", [AttrSizedOperandSegments,
                                         InferTypeOpAdaptor]> {
  let summary = "scaled dot-product attention";
  let description = [{
    For `query` `[batch, heads, q_time, dim]`, `key` `[batch, heads, k_time,
    dim]` and `value` `[batch, heads, k_time, value_dim]`:

    `logits = query . key^T * scale` (`scale` defaults to `1/sqrt(dim)`),
    `probs = softmax(logits)` over `k_time` with the masks applied,
    `output = probs . value`, shape `[batch, heads, q_time, value_dim]`.

    Masks (all optional, true = attend), combined with a logical and:
    * `mask`: broadcasts to the logits `[batch, heads, q_time, k_time]`
      (rule M2, as for `nn.softmax`), e.g. `[q_time, k_time]` or
      `[batch, 1, 1, k_time]`;
    * `key_padding_mask`: `[batch, k_time]`, padding of the keys;
    * `causal`: query step `q` attends to key steps `k <= q`.

    A query whose keys are all masked gives an output row of zeros (Keras
    and Flax give the mean of the values there).

    Rules:
    * C1: `query`, `key` and `value` have rank 4; batch and heads agree;
      `key` and `query` share `dim`; `key` and `value` share `k_time`.
    * C2: `key_padding_mask` is `[batch, k_time]`.
    * M2: `mask` broadcasts to `[batch, heads, q_time, k_time]`.

    Example:

    ```mlir
    %o = nn.attention %q, %k, %v key_padding_mask %kp causal
        : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>,
           tensor<2x8xi1>) -> tensor<2x4x8x16xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$query, NN_FloatTensor:$key,
                       NN_FloatTensor:$value,
                       Optional<NN_MaskTensor>:$mask,
                       Optional<NN_MaskTensor>:$key_padding_mask,
                       UnitAttr:$causal, OptionalAttr<F32Attr>:$scale);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`mask` $mask^)?
    (`key_padding_mask` $key_padding_mask^)? (`causal` $causal^)?
    (`scale` `=` $scale^)? attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The scale applied to the logits: `scale`, or 1/sqrt(dim).
    float getScaleOrDefault();
  }];
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def NN_LayerNormOp : NN_Op<"layer_norm", [AttrSizedOperandSegments,
                                          InferTypeOpAdaptor]> {
  let summary = "layer normalization over one axis (Keras LayerNormalization)";
  let description = [{
    With `mean` and `var` the mean and the (biased, population) variance of
    `input` along `axis`:

    `output = (input - mean) * (1 / sqrt(var + epsilon) * scale) + offset`

    in Flax's order of operations (the inverse standard deviation once per
    slice, times the scale, then one multiplication per element; Keras
    multiplies by the same factor); the variance is computed in two passes,
    from the centred values.

    `scale` (Keras' gamma) and `offset` (beta) are optional and broadcast
    along every other axis. Defaults follow Keras: `axis = -1`,
    `epsilon = 0.001`.

    Rules:
    * C1: `-rank <= axis < rank`.
    * C2: `epsilon >= 0`.
    * C3: `scale` and `offset`, when present, have shape `[dim(input, axis)]`.

    Example:

    ```mlir
    %y = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05
        : (tensor<4x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
                       Optional<NN_FloatTensor>:$scale,
                       Optional<NN_FloatTensor>:$offset,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       DefaultValuedAttr<F32Attr, "0.001">:$epsilon);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input (`scale` $scale^)? (`offset` $offset^)?
    (`axis` `=` $axis^)? (`epsilon` `=` $epsilon^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The axis as a non-negative dimension index.
    int64_t getNormalizedAxis();
  }];
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

class NN_GlobalPoolOp<string mnemonic, string what>
    : NN_Op<mnemonic, [InferTypeOpAdaptor, NN_TimestepMasked]> {
  let summary = "global " # what # " pooling over the time axis";
  let arguments = (ins NN_FloatTensor:$input, Optional<NN_MaskTensor>:$mask);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input (`mask` $mask^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
}

def NN_GlobalAvgPoolOp : NN_GlobalPoolOp<"global_avg_pool", "average"> {
  let description = [{
    Keras `GlobalAveragePooling1D` (channels last): for `input`
    `[batch, time, features]`, `output[b, f] = sum_t input[b, t, f] / time`,
    summed over `t` in increasing order.

    With a timestep `mask` (i1 `[batch, time]`, true = keep), only kept steps
    count: `sum_{t: mask[b,t]} input[b, t, f] / count_t(mask[b, t])`. Masked
    steps are skipped by a select, so NaN or inf in them never leaks. A row
    whose steps are all masked gives 0 (Keras gives NaN there).

    Rules:
    * C1: `input` has rank 3 `[batch, time, features]` with `time >= 1`.
    * C2: the result has shape `[batch, features]`.
    * M1: `mask`, when present, has shape `[batch, time]`.

    Example:

    ```mlir
    %p = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
    ```
  }];
}

def NN_GlobalMaxPoolOp : NN_GlobalPoolOp<"global_max_pool", "maximum"> {
  let description = [{
    Keras `GlobalMaxPooling1D` (channels last): for `input`
    `[batch, time, features]`, `output[b, f] = max_t input[b, t, f]`; NaN
    propagates.

    With a timestep `mask` (i1 `[batch, time]`, true = keep), the maximum is
    over kept steps only; a row whose steps are all masked gives 0.

    Rules:
    * C1: `input` has rank 3 `[batch, time, features]` with `time >= 1`.
    * C2: the result has shape `[batch, features]`.
    * M1: `mask`, when present, has shape `[batch, time]`.

    Example:

    ```mlir
    %p = nn.global_max_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

/// The optional `mask` operand of a loss is an example mask (rule M3): i1 of
/// the per-example shape, the input's shape without its last axis; for
/// `[batch, time, classes]` that is the timestep mask `[batch, time]`.
def NN_ExampleMasked : NativeOpTrait<"ExampleMasked"> {
  let cppNamespace = "::mlir::nn::OpTrait";
}

/// A Keras 3 loss: per-example losses over the last axis of `$input`
/// (`logits` or `predictions`, the operand whose mask nn-propagate-masks
/// looks up), then the optional mask and sample weights and the reduction.
class NN_LossOp<string mnemonic, dag operands>
    : NN_Op<mnemonic, [AttrSizedOperandSegments, InferTypeOpAdaptor,
                       NN_ExampleMasked]> {
  let arguments = !con(operands,
      (ins Optional<NN_MaskTensor>:$mask,
           Optional<NN_FloatTensor>:$sample_weight,
           DefaultValuedAttr<NN_LossReduction,
               "::mlir::nn::LossReduction::sum_over_batch_size">:$reduction));
  let results = (outs NN_FloatTensor:$loss);
  let extraClassDeclaration = [{
    /// The logits or predictions: the operand the mask belongs to.
    ::mlir::Value getInput() { return getOperand(0); }
    /// The second operand: labels or targets.
    ::mlir::Value getTarget() { return getOperand(1); }
  }];
}

def NN_SparseSoftmaxCrossEntropyOp
    : NN_LossOp<"sparse_softmax_cross_entropy",
                (ins NN_FloatTensor:$logits, NN_IndexTensor:$labels)> {
  let summary = "softmax cross-entropy from logits and integer labels";
  let description = [{
    Keras' `SparseCategoricalCrossentropy(from_logits=True)` (optax's
    `softmax_cross_entropy_with_integer_labels`): for `logits`
    `[..., classes]` and `labels` `[...]` (i32 or i64), the per-example loss
    is `-log_softmax(logits)[..., label]`, computed with the maximum `m`
    subtracted first, so large logits neither overflow nor give NaN:

    `loss[e] = log(sum_c exp(logits[e, c] - m[e])) - (logits[e, label[e]] - m[e])`

    A label out of range (negative, or >= classes) gives a NaN loss for its
    example, so a bad label is never silently trained on; the label never
    indexes memory (the logit is selected by comparing it with each class),
    so nothing is read out of bounds. A masked example adds nothing (0),
    whatever its label and logits: padding labels such as -1 are safe under
    a mask.

    Then, with `w` the optional `sample_weight` (1 without it) and `k` the
    optional `mask` (all true without it), the `reduction` (Keras 3's
    `reduce_weighted_values`; docs/Losses.md has the formulas):
    * `sum_over_batch_size` (default): `sum_e k ? loss * w : 0` divided by
      the number of kept examples (the number of examples without a mask);
      0 when none is kept;
    * `sum`: the sum alone;
    * `mean_with_sample_weight`: the sum divided by `sum_e k ? w : 0`; 0
      when that is 0;
    * `none`: the per-example `k ? loss * w : 0`.
    Masked examples are removed with a select, never multiplied by 0, so NaN
    or inf in their logits, labels or weights cannot leak. Sums run in a
    fixed order.

    Rules:
    * C1: `logits` has rank >= 1 `[..., classes]` with `classes >= 1`.
    * C2: `labels` has the per-example shape: the logits' shape without the
      last axis.
    * C3: `sample_weight`, when present, has the per-example shape.
    * C4: the result is a scalar (`tensor<f32>`) for `sum_over_batch_size`,
      `sum` and `mean_with_sample_weight`, the per-example shape for `none`.
    * M3: `mask`, when present, is i1 of the per-example shape (for
      `[batch, time, classes]` logits, the timestep mask `[batch, time]`).

    Example:

    ```mlir
    %l = nn.sparse_softmax_cross_entropy %logits, %labels mask %m
        : (tensor<2x5x10xf32>, tensor<2x5xi32>, tensor<2x5xi1>) -> tensor<f32>
    %n = nn.sparse_softmax_cross_entropy %logits, %labels reduction = none
        : (tensor<2x5x10xf32>, tensor<2x5xi32>) -> tensor<2x5xf32>
    ```
  }];
  let assemblyFormat = [{
    $logits `,` $labels (`mask` $mask^)? (`sample_weight` $sample_weight^)?
    (`reduction` `=` $reduction^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def NN_SoftmaxCrossEntropyOp
    : NN_LossOp<"softmax_cross_entropy",
                (ins NN_FloatTensor:$logits, NN_FloatTensor:$targets)> {
  let summary = "softmax cross-entropy from logits and target probabilities";
  let description = [{
    Keras' `CategoricalCrossentropy(from_logits=True)` (optax's
    `softmax_cross_entropy`): for `logits` and `targets` `[..., classes]`
    (targets are probabilities, e.g. one-hot), the per-example loss is
    `-sum_c targets[e, c] * log_softmax(logits)[e, c]`, with the maximum `m`
    subtracted first (no overflow, no NaN for large logits):

    `loss[e] = sum_c (targets[e, c] == 0 ? 0 : targets[e, c] * (lse[e] - (logits[e, c] - m[e])))`,
    `lse[e] = log(sum_c exp(logits[e, c] - m[e]))`

    A class with target exactly 0 adds 0 even where its logit is -inf (JAX
    and Keras compute `0 * -inf` = NaN there), so -inf logits can exclude
    classes. Mask, sample weights and `reduction` as for
    `nn.sparse_softmax_cross_entropy`.

    Rules:
    * C1: `logits` has rank >= 1 `[..., classes]` with `classes >= 1`.
    * C2: `targets` has the logits' shape.
    * C3: `sample_weight`, when present, has the per-example shape (the
      logits' shape without the last axis).
    * C4: the result is a scalar for `sum_over_batch_size`, `sum` and
      `mean_with_sample_weight`, the per-example shape for `none`.
    * M3: `mask`, when present, is i1 of the per-example shape.

    Example:

    ```mlir
    %l = nn.softmax_cross_entropy %logits, %onehot sample_weight %w
        reduction = sum
        : (tensor<4x10xf32>, tensor<4x10xf32>, tensor<4xf32>) -> tensor<f32>
    ```
  }];
  let assemblyFormat = [{
    $logits `,` $targets (`mask` $mask^)? (`sample_weight` $sample_weight^)?
    (`reduction` `=` $reduction^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def NN_SigmoidBinaryCrossEntropyOp
    : NN_LossOp<"sigmoid_binary_cross_entropy",
                (ins NN_FloatTensor:$logits, NN_FloatTensor:$labels)> {
  let summary = "sigmoid binary cross-entropy from logits, mean over the last axis";
  let description = [{
    Keras' `BinaryCrossentropy(from_logits=True)`: for `logits` and
    `labels` (in [0, 1]) `[..., n]`, elementwise in the stable form of
    `tf.nn.sigmoid_cross_entropy_with_logits` (no overflow for large |x|),
    then the mean over the last axis as Keras' `binary_crossentropy`:

    `loss[e] = sum_j (max(x, 0) - x * z + log1p(exp(-|x|))) / n`,
    `x = logits[e, j]`, `z = labels[e, j]`

    `max(x, 0)` and `-|x|` are both taken by one comparison `x > 0`, so that
    their kinks at 0 cancel in derivatives too (nn-jvp gives
    `sigmoid(0) - z` there). Mask, sample weights and `reduction` as for
    `nn.sparse_softmax_cross_entropy`.

    Rules:
    * C1: `logits` has rank >= 1 with a last dimension >= 1.
    * C2: `labels` has the logits' shape.
    * C3: `sample_weight`, when present, has the per-example shape (the
      logits' shape without the last axis).
    * C4: the result is a scalar for `sum_over_batch_size`, `sum` and
      `mean_with_sample_weight`, the per-example shape for `none`.
    * M3: `mask`, when present, is i1 of the per-example shape.

    Example:

    ```mlir
    %l = nn.sigmoid_binary_cross_entropy %logits, %labels
        : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<f32>
    ```
  }];
  let assemblyFormat = [{
    $logits `,` $labels (`mask` $mask^)? (`sample_weight` $sample_weight^)?
    (`reduction` `=` $reduction^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def NN_MeanSquaredErrorOp
    : NN_LossOp<"mean_squared_error",
                (ins NN_FloatTensor:$predictions, NN_FloatTensor:$targets)> {
  let summary = "mean squared error over the last axis";
  let description = [{
    Keras' `MeanSquaredError`: for `predictions` and `targets` `[..., n]`,

    `loss[e] = sum_j (predictions[e, j] - targets[e, j])^2 / n`

    (Keras' `mean(square(y_true - y_pred), axis=-1)`). Mask, sample weights
    and `reduction` as for `nn.sparse_softmax_cross_entropy`.

    Rules:
    * C1: `predictions` has rank >= 1 with a last dimension >= 1.
    * C2: `targets` has the predictions' shape.
    * C3: `sample_weight`, when present, has the per-example shape (the
      predictions' shape without the last axis).
    * C4: the result is a scalar for `sum_over_batch_size`, `sum` and
      `mean_with_sample_weight`, the per-example shape for `none`.
    * M3: `mask`, when present, is i1 of the per-example shape.

    Example:

    ```mlir
    %l = nn.mean_squared_error %y, %t reduction = none
        : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4xf32>
    ```
  }];
  let assemblyFormat = [{
    $predictions `,` $targets (`mask` $mask^)?
    (`sample_weight` $sample_weight^)? (`reduction` `=` $reduction^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Masks
//===----------------------------------------------------------------------===//

def NN_MaskingOp : NN_Op<"masking", [InferTypeOpAdaptor]> {
  let summary = "Keras Masking: mask the timesteps equal to a padding value";
  let description = [{
    For `input` `[batch, time, features]`, a timestep is kept when any of its
    features differs from `mask_value` (a NaN feature counts as different):
    `mask[b, t] = any_f(input[b, t, f] != mask_value)`. The `output` is the
    input with masked timesteps set to 0 by a select (NaN or inf in masked
    steps does not leak), the data Keras' `Masking` layer passes on.

    Rules:
    * C1: `input` has rank 3 `[batch, time, features]`.

    Example:

    ```mlir
    %x, %m = nn.masking %in mask_value = -9.900000e+01 : tensor<3x3x1xf32>
        -> tensor<3x3x1xf32>, tensor<3x3xi1>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, F32Attr:$mask_value);
  let results = (outs NN_FloatTensor:$output, NN_MaskTensor:$mask);
  let assemblyFormat = [{
    $input `mask_value` `=` $mask_value attr-dict `:` type($input) `->`
    type($output) `,` type($mask)
  }];
}

def NN_ApplyMaskOp : NN_Op<"apply_mask", [NN_TimestepMasked,
                                          AllTypesMatch<["input", "output"]>]> {
  let summary = "zero the masked timesteps of a sequence";
  let description = [{
    `output[b, t, ...] = mask[b, t] ? input[b, t, ...] : 0`, by a select.

    Rules:
    * M1: `mask` has shape `[batch, time]` of `input`.

    Example:

    ```mlir
    %y = nn.apply_mask %x, %m : tensor<3x3x8xf32>, tensor<3x3xi1>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_MaskTensor:$mask);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $mask attr-dict `:` type($input) `,` type($mask)
  }];
}

def NN_SequenceMaskOp : NN_Op<"sequence_mask"> {
  let summary = "timestep mask from sequence lengths (tf.sequence_mask)";
  let description = [{
    `mask[b, t] = t < lengths[b]`. Lengths below 0 mask everything, lengths
    beyond `time` keep everything.

    Rules:
    * C1: `lengths` has rank 1 and the result has shape
      `[dim(lengths, 0), time]`.

    Example:

    ```mlir
    %m = nn.sequence_mask %lengths : tensor<3xi32> -> tensor<3x5xi1>
    ```
  }];
  let arguments = (ins NN_LengthTensor:$lengths);
  let results = (outs NN_MaskTensor:$mask);
  let assemblyFormat = [{
    $lengths attr-dict `:` type($lengths) `->` type($mask)
  }];
  let hasVerifier = 1;
}

def NN_CausalMaskOp : NN_Op<"causal_mask"> {
  let summary = "lower-triangular mask for causal attention";
  let description = [{
    `mask[q, k] = k <= q` for a `[q_time, k_time]` result: query step `q`
    sees key steps up to itself.

    Rules:
    * C1: the result has rank 2.

    Example: `%m = nn.causal_mask : tensor<4x4xi1>`
  }];
  let results = (outs NN_MaskTensor:$mask);
  let assemblyFormat = "attr-dict `:` type($mask)";
  let hasVerifier = 1;
}

class NN_MaskLogicOp<string mnemonic, string what>
    : NN_Op<mnemonic, [SameOperandsAndResultType, Elementwise, Commutative]> {
  let summary = "elementwise " # what # " of two masks";
  let description = [{
    Elementwise logical }] # what # [{ of two masks of the same shape.

    Example: `%m = nn.}] # mnemonic # [{ %a, %b : tensor<3x5xi1>`
  }];
  let arguments = (ins NN_MaskTensor:$lhs, NN_MaskTensor:$rhs);
  let results = (outs NN_MaskTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
  let hasFolder = 1;
}

def NN_MaskAndOp : NN_MaskLogicOp<"mask_and", "and">;
def NN_MaskOrOp : NN_MaskLogicOp<"mask_or", "or">;

def NN_MaskNotOp : NN_Op<"mask_not", [SameOperandsAndResultType, Elementwise]> {
  let summary = "elementwise negation of a mask";
  let description = [{
    `result = !input`.

    Example: `%m = nn.mask_not %a : tensor<3x5xi1>`
  }];
  let arguments = (ins NN_MaskTensor:$input);
  let results = (outs NN_MaskTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Random numbers (threefry2x32, bit-exact with JAX's default PRNG)
//===----------------------------------------------------------------------===//

def NN_KeyArray : StaticShapeTensorOf<[NN_KeyType]>;
def NN_SeedTensor : 0DTensorOf<[I64]>;

def NN_RngKeyOp : NN_Op<"rng.key"> {
  let summary = "a key from an integer seed (jax.random.key)";
  let description = [{
    For a seed `s` (int64): `[uint32(s >> 32), uint32(s & 0xFFFFFFFF)]`, as
    `jax.random.PRNGKey(s)`: key(0) = [0, 0], key(42) = [0, 42],
    key(-1) = [4294967295, 4294967295]. The seed is an operand (a
    `tensor<i64>`) or the `seed` attribute.

    Rules:
    * C1: exactly one of the seed operand and the `seed` attribute.

    Example:

    ```mlir
    %k = nn.rng.key seed = 42 : !nn.key
    %s = nn.rng.key %seed : tensor<i64> -> !nn.key
    ```
  }];
  let arguments = (ins Optional<NN_SeedTensor>:$seed_value,
                       OptionalAttr<I64Attr>:$seed);
  let results = (outs NN_KeyType:$key);
  let assemblyFormat = [{
    ($seed_value^ `:` type($seed_value) `->`)? (`seed` `=` $seed^ `:`)?
    attr-dict type($key)
  }];
  let hasVerifier = 1;
}

def NN_RngSplitOp : NN_Op<"rng.split"> {
  let summary = "split a key into an array of keys (jax.random.split)";
  let description = [{
    `keys[i] = fold_in(key, i)`, i.e. `threefry2x32(key, (hi32(i),
    lo32(i)))` with both output words forming key `i`.

    Rules:
    * C1: the result is a rank-1 key array.

    Example: `%ks = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>`
  }];
  let arguments = (ins NN_KeyType:$key);
  let results = (outs NN_KeyArray:$keys);
  let assemblyFormat = "$key attr-dict `:` type($key) `->` type($keys)";
  let hasVerifier = 1;
}

def NN_RngKeyAtOp : NN_Op<"rng.key_at"> {
  let summary = "one key of a key array";
  let description = [{
    `keys[index]`.

    Rules:
    * C1: `0 <= index < size` of the rank-1 key array.

    Example: `%k1 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>`
  }];
  let arguments = (ins NN_KeyArray:$keys, I64Attr:$index);
  let results = (outs NN_KeyType:$key);
  let assemblyFormat = "$keys `[` $index `]` attr-dict `:` type($keys)";
  let hasVerifier = 1;
  let builders = [OpBuilder<(ins "Value":$keys, "int64_t":$index), [{
    build($_builder, $_state, KeyType::get($_builder.getContext()), keys,
          index);
  }]>];
}

def NN_RngFoldInOp : NN_Op<"rng.fold_in"> {
  let summary = "fold 32 bits of data into a key (jax.random.fold_in)";
  let description = [{
    `fold_in(key, d) = threefry2x32(key, (0, d))`, both output words.

    Example: `%k2 = nn.rng.fold_in %k, %d : tensor<i32>`
  }];
  let arguments = (ins NN_KeyType:$key, 0DTensorOf<[I32]>:$data);
  let results = (outs NN_KeyType:$result);
  let assemblyFormat = "$key `,` $data attr-dict `:` type($data)";
}

def NN_RngThreefryOp : NN_Op<"rng.threefry2x32",
                              [AllTypesMatch<["counters", "output"]>]> {
  let summary = "the threefry2x32 block function (jax.random.threefry_2x32)";
  let description = [{
    Applies threefry2x32 with 20 rounds under `key` to every counter pair
    `counters[..., :]` = (c0, c1), giving the pair (w0, w1): the primitive
    behind every other random op, exposed as JAX exposes it, and the op the
    Random123 known-answer vectors are checked with.

    Rules:
    * C1: `counters` has a last dimension of 2.

    Example:

    ```mlir
    %w = nn.rng.threefry2x32 %k, %counters : tensor<4x2xi32>
    ```
  }];
  let arguments = (ins NN_KeyType:$key, StaticShapeTensorOf<[I32]>:$counters);
  let results = (outs StaticShapeTensorOf<[I32]>:$output);
  let assemblyFormat = "$key `,` $counters attr-dict `:` type($counters)";
  let hasVerifier = 1;
}

def NN_RngBitsOp : NN_Op<"rng.bits"> {
  let summary = "32 random bits per element (jax.random.bits)";
  let description = [{
    Element `i` (row-major flat index) is `w0 ^ w1` of
    `threefry2x32(key, (hi32(i), lo32(i)))`. The result is signless i32
    whose bits are the unsigned words.

    Example: `%b = nn.rng.bits %k : tensor<3x4xi32>`
  }];
  let arguments = (ins NN_KeyType:$key);
  let results = (outs StaticShapeTensorOf<[I32]>:$bits);
  let assemblyFormat = "$key attr-dict `:` type($bits)";
}

def NN_RngUniformOp : NN_Op<"rng.uniform"> {
  let summary = "uniform f32 in [minval, maxval) (jax.random.uniform)";
  let description = [{
    From the bits `b` of `nn.rng.bits`: `f = bitcast((b >> 9) | 0x3F800000)
    - 1.0` in [0, 1), then `max(minval, f * (maxval - minval) + minval)`
    (a separate multiply and add, as JAX: no FMA).

    Rules:
    * C1: `minval < maxval`.

    Example: `%u = nn.rng.uniform %k minval = -1.0 maxval = 1.0 : tensor<8xf32>`
  }];
  let arguments = (ins NN_KeyType:$key,
                       DefaultValuedAttr<F32Attr, "0.0">:$minval,
                       DefaultValuedAttr<F32Attr, "1.0">:$maxval);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $key (`minval` `=` $minval^)? (`maxval` `=` $maxval^)? attr-dict `:`
    type($output)
  }];
  let hasVerifier = 1;
}

def NN_RngNormalOp : NN_Op<"rng.normal"> {
  let summary = "standard normal f32 (jax.random.normal)";
  let description = [{
    `sqrt(2) * erfinv(u)` with `u = uniform(key, shape)` over
    `[nextafter(-1, 0), 1)`; `erfinv` is the single-precision polynomial of
    Giles ("Approximating the erfinv function", GPU Gems), the one XLA uses,
    with FMAs in its Horner steps. Within 2 ulp of JAX.

    Example: `%n = nn.rng.normal %k : tensor<4x8xf32>`
  }];
  let arguments = (ins NN_KeyType:$key);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = "$key attr-dict `:` type($output)";
}

def NN_RngTruncatedNormalOp : NN_Op<"rng.truncated_normal"> {
  let summary = "normal f32 truncated to (lower, upper) (jax.random.truncated_normal)";
  let description = [{
    JAX's inverse-CDF method: `u = uniform(key, shape)` over
    `[erf(lower / sqrt 2), erf(upper / sqrt 2))`, `sqrt(2) * erfinv(u)`,
    clamped to the open interval `(lower, upper)`. The two erf values are
    compile-time constants computed in double precision and rounded to f32
    (XLA computes them in f32: they may differ by an ulp).

    Rules:
    * C1: `lower < upper`.

    Example: `%t = nn.rng.truncated_normal %k lower = -2.0 upper = 2.0 : tensor<8xf32>`
  }];
  let arguments = (ins NN_KeyType:$key,
                       DefaultValuedAttr<F32Attr, "-2.0">:$lower,
                       DefaultValuedAttr<F32Attr, "2.0">:$upper);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $key (`lower` `=` $lower^)? (`upper` `=` $upper^)? attr-dict `:`
    type($output)
  }];
  let hasVerifier = 1;
}

def NN_RngPermutationOp : NN_Op<"rng.permutation"> {
  let summary = "a random permutation of 0..N-1 (jax.random.permutation)";
  let description = [{
    JAX's algorithm: `rounds = ceil(3 ln(max(1, N)) / ln(2^32 - 1))`; each
    round splits the key (`key, subkey = split(key)`), draws 32-bit sort
    keys `bits(subkey, (N,))` and stably sorts the values by them (unsigned
    order; ties keep index order), starting from `0..N-1`.

    The sort is lowered as ranks: `rank[i] = #{j : key[j] < key[i] or
    (key[j] == key[i] and j < i)}`, then `out[rank[i]] = in[i]` — O(N^2)
    work, vectorizable and exact; meant for shuffling datasets of up to a
    few thousand examples.

    Example: `%p = nn.rng.permutation %k : tensor<100xi32>`
  }];
  let arguments = (ins NN_KeyType:$key);
  let results = (outs StaticShapeTensorOf<[I32]>:$output);
  let assemblyFormat = "$key attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def NN_RngShuffleOp : NN_Op<"rng.shuffle", [AllTypesMatch<["input", "output"]>]> {
  let summary = "shuffle along the first axis (jax.random.permutation(key, x))";
  let description = [{
    `output[r, ...] = input[permutation(key, N)[r], ...]` for `input` of
    shape `[N, ...]`, as JAX shuffles a multi-dimensional array (for a 1-D
    array JAX sorts the values directly, which gives the same result).

    Rules:
    * C1: `input` has rank >= 1.

    Example: `%s = nn.rng.shuffle %data, %k : tensor<60x784xf32>`
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_KeyType:$key);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = "$input `,` $key attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def NN_InitOp : NN_Op<"init"> {
  let summary = "a Keras 3 weight initializer with an explicit key";
  let description = [{
    Keras 3's initializers with Keras' fan rules (for shape `[..., in, out]`,
    `receptive = prod(shape[:-2])`, `fan_in = in * receptive`,
    `fan_out = out * receptive`; rank 1: both are the size; rank 0: 1):

    * `glorot_uniform`: uniform in `[-l, l)`, `l = sqrt(6 / (fan_in + fan_out))`;
    * `glorot_normal`: truncated normal (-2, 2) times
      `sqrt(2 / (fan_in + fan_out)) / 0.87962566103423978`;
    * `he_uniform`: `l = sqrt(6 / fan_in)`;
    * `he_normal`: truncated normal times `sqrt(2 / fan_in) / 0.8796...`;
    * `lecun_normal`: truncated normal times `sqrt(1 / fan_in) / 0.8796...`;
    * `truncated_normal`: truncated normal times `stddev` (default 0.05);
    * `zeros`, `ones`, `constant` (`value`): no randomness, no key.

    Random kinds draw from `key` only, so two programs given the same keys
    get bit-identical weights, whatever their structure (case 2 of docs/Motivation.md).

    Rules:
    * C1: random kinds take a key; `zeros`, `ones` and `constant` do not.

    Example:

    ```mlir
    %w = nn.init glorot_uniform %k : tensor<784x128xf32>
    %b = nn.init zeros : tensor<128xf32>
    ```
  }];
  let arguments = (ins NN_Initializer:$kind, Optional<NN_KeyType>:$key,
                       DefaultValuedAttr<F32Attr, "0.05">:$stddev,
                       DefaultValuedAttr<F32Attr, "0.0">:$value);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $kind ($key^)? attr-dict `:` type($output)
  }];
  let hasVerifier = 1;
}

def NN_RngBernoulliOp : NN_Op<"rng.bernoulli"> {
  let summary = "a boolean mask, true with probability p (jax.random.bernoulli)";
  let description = [{
    `uniform(key, shape) < p`, element by element.

    Rules:
    * C1: `0 <= p <= 1`.

    Example: `%m = nn.rng.bernoulli %k p = 0.25 : tensor<4x8xi1>`
  }];
  let arguments = (ins NN_KeyType:$key, F32Attr:$p);
  let results = (outs NN_MaskTensor:$output);
  let assemblyFormat = "$key `p` `=` $p attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def NN_DropoutOp : NN_Op<"dropout", [AllTypesMatch<["input", "output"]>]> {
  let summary = "dropout with an explicit key (training mode)";
  let description = [{
    `keep = bernoulli(key, 1 - rate, shape(input))`;
    `output = keep ? input * (1 / (1 - rate)) : 0`, the reciprocal rounded to
    f32: JAX, Flax and Keras write a division by the constant `1 - rate`, and
    XLA turns it into this multiplication, so these are JAX's bits. `rate = 0` is the identity and `rate = 1` gives zeros.
    The same key gives the same pattern, bit for bit; a new key a new one,
    without recompiling. `nn-inference` turns dropout into the identity.

    Rules:
    * C1: `0 <= rate <= 1`.

    Example: `%y = nn.dropout %x, %k rate = 0.5 : tensor<4x128xf32>`
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_KeyType:$key, F64Attr:$rate);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $key `rate` `=` $rate attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Optimizers (docs/Optimizers.md)
//===----------------------------------------------------------------------===//

/// The learning rate of an update op: a runtime scalar, so that a schedule
/// computed in the IR, or a new value per call, never recompiles.
def NN_LearningRate : 0DTensorOf<[F32]>,
    BuildableType<"::mlir::RankedTensorType::get({}, $_builder.getF32Type())">;

/// The number of updates already applied (Optax's `count`).
def NN_StepCount : 0DTensorOf<[I32, I64]>;

/// Rule C1 of every update op: operand `name` has the parameter's type.
class NN_HasParamType<string name>
    : TypesMatchWith<name # " has the type of param [C1]", "param", name,
                     "$_self">;
class NN_OptionalHasParamType<string name>
    : OptionalTypesMatchWith<name # " has the type of param [C1]", "param",
                             name, "$_self">;

def NN_SgdUpdateOp : NN_Op<"sgd_update", [InferTypeOpAdaptor,
    NN_HasParamType<"grad">, NN_OptionalHasParamType<"buffer">]> {
  let summary = "one SGD step on one parameter (momentum, Nesterov)";
  let description = [{
    One step of stochastic gradient descent on the parameter `param` with
    its gradient `grad` and the learning rate `lr` (`tensor<f32>`), as
    PyTorch's `torch.optim.SGD` (dampening 0, no weight decay) and Optax's
    `sgd` compute it. Pure: the updated parameter (and momentum buffer) are
    results; a train step applies one op per parameter and passes the
    results on as the next step's operands. Everything in f32, in the order
    written, a separate multiply and add (no FMA):

    * no `buffer`: `new_param = param - lr * grad`;
    * with the momentum `buffer` `b` (PyTorch's `momentum_buffer`, Optax's
      `trace`; zeros before the first step) and `mu = momentum`:
      `new_buffer = mu * b + grad`, `u = new_buffer`, or with `nesterov`
      `u = grad + mu * new_buffer`; `new_param = param - lr * u`.

    With `keras`, the buffer is Keras 3's velocity `v` (zeros before the
    first step), as `keras.optimizers.SGD` computes it:
    `new_buffer = mu * v - lr * grad`; `new_param = param + new_buffer`, or
    with `nesterov` `param + (mu * new_buffer - lr * grad)`. Under a
    constant learning rate both give the same parameters (Keras' velocity
    is `-lr` times PyTorch's buffer); when `lr` changes between steps they
    differ, since Keras' velocity keeps the old rates. Without a buffer
    `keras` changes nothing.

    The learning rate is an operand, so a schedule or a new value never
    recompiles; `momentum` and `nesterov` define the algorithm and are
    attributes (docs/Optimizers.md).

    Rules:
    * C1: `grad` and `buffer` have the type of `param` (the results too).
    * C2: a `buffer` comes with a `momentum`, and a `momentum` with a
      `buffer`.
    * C3: `0 <= momentum <= 1`.
    * C4: `nesterov` needs a `buffer` and `momentum > 0`.

    Example:

    ```mlir
    %p1 = nn.sgd_update %p, %g lr %lr : tensor<784x128xf32>
    %p2, %b2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 9.0e-01
        nesterov : tensor<784x128xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$param, NN_FloatTensor:$grad,
                       Optional<NN_FloatTensor>:$buffer, NN_LearningRate:$lr,
                       OptionalAttr<F64Attr>:$momentum, UnitAttr:$nesterov,
                       UnitAttr:$keras);
  let results = (outs NN_FloatTensor:$new_param,
                      Optional<NN_FloatTensor>:$new_buffer);
  let assemblyFormat = [{
    $param `,` $grad (`buffer` $buffer^)? `lr` $lr
    (`momentum` `=` $momentum^)? (`nesterov` $nesterov^)? (`keras` $keras^)?
    attr-dict `:` type($param)
  }];
  let hasVerifier = 1;
}

/// Adam and AdamW: the same operands, results and rules C1-C3; AdamW adds
/// `weight_decay` (rule C4) and applies it to the parameter first.
class NN_AdamUpdateBase<string mnemonic, string what, string paramText,
                        bit weightDecay, string example>
    : NN_Op<mnemonic, [InferTypeOpAdaptor, NN_HasParamType<"grad">,
                       NN_HasParamType<"first_moment">,
                       NN_HasParamType<"second_moment">]> {
  let summary = "one " # what # " step on one parameter";
  let description = [{
    One }] # what # [{ step on the parameter `param` with its gradient
    `grad`, the moments `m = first_moment` and `v = second_moment` (zeros
    before the first step), the count `step` of updates already applied
    (`tensor<i32>` or `tensor<i64>`, 0 before the first step) and the
    learning rate `lr` (`tensor<f32>`). Pure: the results are the updated
    parameter, moments and count, which a train step passes on to the next
    step; `lr` may come from a schedule computed from `step` in the IR.

    `t = step + 1`, the count after this update, is the result `new_step`
    (at the type's maximum it stays there, as Optax's
    `safe_int32_increment`), and the bias corrections use it. The scalars
    that depend on `t` and `lr` are computed once per call in f64 (as
    PyTorch computes them from Python floats) and rounded to f32 once;
    everything per element is f32 in the order written, a separate
    multiply and add (no FMA), `b1 = beta1`, `b2 = beta2`:

}] # paramText # [{    * `new_first_moment = b1 * m + (1 - b1) * grad`,
      `new_second_moment = b2 * v + (1 - b2) * (grad * grad)`;
    * `new_param = p - s * (new_first_moment / (sqrt(new_second_moment) * c
      + epsilon))` with `s = lr / (1 - b1^t)` and `c = 1 / sqrt(1 - b2^t)`:
      `p - lr * mhat / (sqrt(vhat) + epsilon)` for the bias-corrected
      `mhat = new_first_moment / (1 - b1^t)` and
      `vhat = new_second_moment / (1 - b2^t)`, as PyTorch
      (`torch.optim.Adam`, `AdamW`) and Optax (`adam`, `adamw`) define it.

    With `keras`, as Keras 3 (`keras.optimizers.Adam`, `AdamW`) computes
    it, epsilon is added to the uncorrected `sqrt(v)`:
    `new_first_moment = m + (grad - m) * (1 - b1)`,
    `new_second_moment = v + (grad * grad - v) * (1 - b2)`,
    `new_param = p - (new_first_moment * alpha) / (sqrt(new_second_moment) +
    epsilon)` with `alpha = lr * sqrt(1 - b2^t) / (1 - b1^t)`. That is the
    default's formula with `epsilon / sqrt(1 - b2^t)` in place of
    `epsilon` (31.6 times larger at the first step for `b2 = 0.999`).
    Keras' default epsilon is `1e-7`: write it.

    The betas and epsilon define the algorithm and are attributes (defaults
    0.9, 0.999 and 1e-8, PyTorch's and Optax's); the learning rate is an
    operand, so that a new value never recompiles (docs/Optimizers.md).

    Rules:
    * C1: `grad`, `first_moment` and `second_moment` have the type of
      `param` (the results too; `new_step` has the type of `step`).
    * C2: `0 <= beta1 < 1` and `0 <= beta2 < 1`.
    * C3: `epsilon > 0`.
}] # !if(weightDecay, "    * C4: `weight_decay >= 0`.\n", "") # [{
    Example:

    ```mlir
    }] # example # [{
    ```
  }];
  let arguments = !con((ins NN_FloatTensor:$param, NN_FloatTensor:$grad,
                            NN_FloatTensor:$first_moment,
                            NN_FloatTensor:$second_moment,
                            NN_StepCount:$step, NN_LearningRate:$lr),
                       !if(weightDecay, (ins F64Attr:$weight_decay), (ins)),
                       (ins DefaultValuedAttr<F64Attr, "0.9">:$beta1,
                            DefaultValuedAttr<F64Attr, "0.999">:$beta2,
                            DefaultValuedAttr<F64Attr, "1.0e-8">:$epsilon,
                            UnitAttr:$keras));
  let results = (outs NN_FloatTensor:$new_param,
                      NN_FloatTensor:$new_first_moment,
                      NN_FloatTensor:$new_second_moment,
                      NN_StepCount:$new_step);
  let assemblyFormat = [{
    $param `,` $grad `,` $first_moment `,` $second_moment `,` $step `lr` $lr
  }] # !if(weightDecay, "`weight_decay` `=` $weight_decay", "") # [{
    (`beta1` `=` $beta1^)? (`beta2` `=` $beta2^)?
    (`epsilon` `=` $epsilon^)? (`keras` $keras^)?
    attr-dict `:` type($param) `,` type($step)
  }];
  let hasVerifier = 1;
}

def NN_AdamUpdateOp : NN_AdamUpdateBase<"adam_update", "Adam",
  "    * `p = param`;\n", 0,
  [{%p1, %m1, %v1, %t1 = nn.adam_update %p, %g, %m, %v, %t lr %lr
        : tensor<784x128xf32>, tensor<i32>
    %p2, %m2, %v2, %t2 = nn.adam_update %p, %g, %m, %v, %t lr %lr
        epsilon = 1.000000e-07 keras : tensor<784x128xf32>, tensor<i32>}]>;

def NN_AdamWUpdateOp : NN_AdamUpdateBase<"adamw_update", "AdamW", [{    * the decoupled weight decay `wd = weight_decay` first, as PyTorch's
      `AdamW`: `p = param * (1 - lr * wd)`, the factor computed once (Optax's
      `adamw` adds `wd * param` to the Adam direction before scaling by
      `-lr`: the same formula); with `keras`, Keras' `p = param - (param *
      wd) * lr`;
}], 1,
  [{%p1, %m1, %v1, %t1 = nn.adamw_update %p, %g, %m, %v, %t lr %lr
        weight_decay = 1.000000e-02 : tensor<784x128xf32>, tensor<i32>}]>;

#endif // NN_DIALECT_NN_IR_NNOPS_TD
