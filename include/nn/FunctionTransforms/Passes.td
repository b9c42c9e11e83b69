//===- Passes.td - function transformations ----------------*- tablegen -*-===//
//
// Part of the nn-mlir project.
//
// Transformations of whole functions, as JAX composes them (jvp, jacfwd,
// vmap): each adds a new function built from a copy of the original lowered
// to linalg on tensors, where one rule per scalar op and structural tensor
// op covers every nn op. They sit above the nn -> linalg conversion.
//
//===----------------------------------------------------------------------===//

#ifndef NN_FUNCTIONTRANSFORMS_PASSES_TD
#define NN_FUNCTIONTRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def NNJvpPass : Pass<"nn-jvp", "::mlir::ModuleOp"> {
  let summary = "Forward-mode derivative: f_jvp(primals, tangents) -> "
                "(outputs, output tangents)";
  let description = [{
    Adds `<function>_jvp` to the module: a copy of `function` lowered to
    linalg on tensors (so every nn op is covered by one mechanism) whose
    arguments are followed by one tangent per argument listed in `wrt`
    (default: every f32 tensor argument) and whose results are followed by
    their tangents, like `jax.jvp`.

    The derivative is taken op by op in forward mode: each `linalg.generic`
    becomes a dual generic computing value and tangent together (its body
    differentiated scalar op by scalar op), named contractions are
    generalized first, and tensor ops (extract, extract_slice, insert_slice,
    from_elements, reshapes, concat, cast) apply to tangents as to values.
    Scalar rules: add, sub, mul, div, neg, fma, select, maximum / minimum
    (a tie gives the second operand's tangent, so relu'(0) = 0 as in JAX),
    exp, log, tanh, sqrt, erf, sin, cos, abs; comparisons, integer ops,
    indices and the bits of random ops carry no tangent (dropout's keep
    pattern is the primal's, so the tangent is dropped and scaled exactly
    like the value). Masks and keys are never differentiated: listing one in
    `wrt` is an error, and so is an op without a rule (named). Calls are
    inlined into the copy; a callee without a body is an error.
  }];
  let options = [
    Option<"function", "function", "std::string", "\"\"",
           "The function to differentiate">,
    // Strings, checked by the pass: a malformed entry is then an error at
    // the function, not a bare command-line parser message.
    ListOption<"wrt", "wrt", "std::string",
               "Indices of the arguments to differentiate with respect to, "
               "e.g. wrt=0,2 (default: all f32 tensor arguments)">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNVjpPass : Pass<"nn-vjp", "::mlir::ModuleOp"> {
  let summary = "Reverse-mode derivative: f_vjp(primals, result cotangents) "
                "-> (results, argument cotangents)";
  let description = [{
    Adds `<function>_vjp` to the module, like `jax.vjp` with the cotangents
    as arguments: a copy of `function` lowered to linalg on tensors whose
    arguments are followed by one cotangent per f32 result, and whose
    results are followed by the cotangent of each argument listed in `wrt`
    (default: every f32 tensor argument), in that order.

    The forward ops of the copy are kept; their values are what the
    backward pass reads (every intermediate is saved). Then, op by op in
    reverse:

    ```mlir
    // forward: y[i, j] = sum_k x[i, k] w[k, j]
    %y = linalg.generic {indexing_maps = [(i,j,k) -> (i,k), (i,j,k) -> (k,j),
                                          (i,j,k) -> (i,j)], ...}
    // backward for w: the same loops, w's map as the output; i, the loop
    // w's map does not read, becomes a reduction:
    // dw[k, j] += x[i, k] * dy[i, j]
    %dw = linalg.generic {indexing_maps = [(i,j,k) -> (i,k), (i,j,k) -> (k,j),
                                           (i,j,k) -> (i,j), (i,j,k) -> (k,j)],
                          iterator_types = ["reduction", "parallel", "parallel"]}
    ```

    Each backward generic recomputes the forward body's scalars (dropout's
    random bits included, so its keep pattern is never stored) and reverses
    them with scalar rules (those of nn-jvp). A sum accumulator passes its
    cotangent to every term; a max or min accumulator to the positions equal
    to the result, shared equally between ties as in JAX. A gather from a
    captured tensor (an embedding's table) becomes a scatter-add loop.
    Structural tensor ops reverse to their adjoints (extract_slice and
    insert_slice, collapse_shape and expand_shape, cast). A value used
    several times sums its cotangents. Masks and keys are never
    differentiated (listing one in `wrt` is an error); an op without a rule
    is an error that names it. Calls are inlined into the copy (a program
    written as nested functions is differentiated like the flat one); a
    callee without a body is an error.

    With `report-residuals=true` the pass emits a remark at `function`
    listing the residuals (JAX's `print_saved_residuals`): the values the
    forward part computes and the backward part reads, so they live from
    one to the other, with their total bytes per call; a note per residual
    points at the op that computes it. Arguments the backward part reads
    are listed but not counted (the caller holds them), nor are values
    computed from constants alone (the same every call).

    `remat` chooses the residuals, as `jax.checkpoint`'s policies do:
    `everything_saveable` (the default) keeps every forward value the
    backward part reads; `dots_saveable` keeps only contractions' results
    (a dense layer's product) and recomputes elementwise ops and other
    reductions from them in the backward part, just before the op that
    reads them; `nothing_saveable` recomputes everything from the
    arguments. The derivatives are the same bits under every policy (the
    same ops run on the same values); only what lives from the forward
    part to the backward part changes:

    ```mlir
    // everything_saveable: the backward part reads %a, the forward relu.
    %h = linalg.generic {matmul} ...    // kept under dots_saveable
    %a = linalg.generic {relu} ins(%h)
    ...                                 // backward
    %dw = linalg.generic ins(%a, %dy)
    // dots_saveable: %a is recomputed from %h where the backward reads it.
    %a2 = linalg.generic {relu} ins(%h)
    %dw = linalg.generic ins(%a2, %dy)
    ```
  }];
  let options = [
    Option<"function", "function", "std::string", "\"\"",
           "The function to differentiate">,
    ListOption<"wrt", "wrt", "std::string",
               "Indices of the arguments to differentiate with respect to, "
               "e.g. wrt=0,2 (default: all f32 tensor arguments)">,
    Option<"reportResiduals", "report-residuals", "bool", "false",
           "Emit a remark listing the forward values the backward pass "
           "reads (the residuals) and their bytes per call">,
    Option<"remat", "remat", "std::string", "\"everything_saveable\"",
           "Which forward values the backward pass keeps: "
           "everything_saveable, dots_saveable or nothing_saveable">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNValueAndGradPass : Pass<"nn-value-and-grad", "::mlir::ModuleOp"> {
  let summary = "A scalar function's value and gradients "
                "(jax.value_and_grad)";
  let description = [{
    Adds `<function>_value_and_grad(args...) -> (value, aux..., grads...)`:
    `function` must return a scalar f32 first (`tensor<f32>`, a loss); with
    `has-aux=true` the results after it are auxiliary data, returned as
    they are and not differentiated (JAX's `has_aux`). The gradients are
    those of the value with respect to each argument in `wrt` (argument
    indices, JAX's `argnums`; default: every f32 tensor argument), in that
    order. Built as nn-vjp with a cotangent of 1 for the value and none
    for the auxiliary results, so it covers the same ops.

    ```mlir
    func.func @loss(%w: tensor<4x3xf32>, %x: tensor<8x4xf32>) -> tensor<f32>
    // nn-value-and-grad{function=loss wrt=0} adds
    func.func @loss_value_and_grad(%w: tensor<4x3xf32>, %x: tensor<8x4xf32>)
        -> (tensor<f32>, tensor<4x3xf32>)
    ```

    `report-residuals=true` reports the values kept for the backward pass
    and `remat` chooses them, as for nn-vjp.
  }];
  let options = [
    Option<"function", "function", "std::string", "\"\"",
           "The function to differentiate">,
    ListOption<"wrt", "wrt", "std::string",
               "Indices of the arguments to differentiate with respect to, "
               "e.g. wrt=0,2 (default: all f32 tensor arguments)">,
    Option<"hasAux", "has-aux", "bool", "false",
           "Results after the first are auxiliary data">,
    Option<"reportResiduals", "report-residuals", "bool", "false",
           "Emit a remark listing the forward values the backward pass "
           "reads (the residuals) and their bytes per call">,
    Option<"remat", "remat", "std::string", "\"everything_saveable\"",
           "Which forward values the backward pass keeps: "
           "everything_saveable, dots_saveable or nothing_saveable">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNVmapPass : Pass<"nn-vmap", "::mlir::ModuleOp"> {
  let summary = "Batch a function over a new axis (jax.vmap)";
  let description = [{
    Adds `<function>_vmap`: the function over a new axis of size `batch`,
    with `jax.vmap`'s `in_axes` / `out_axes`: `in-axes` gives, per
    argument, the position of the batch axis in the batched argument or
    `none` for a shared (broadcast) argument, e.g. params
    (`in-axes=0,none,none`); one value applies to every argument. Negative
    axes count from the end. `out-axes` does the same for the results
    (default 0). A batch of keys has its batch axes in front of the key.

    A real transformation, not a loop: the copy is lowered to linalg on
    tensors and every `linalg.generic` gets one more parallel loop in front
    (batched operands read with it, shared ones without it, `linalg.index`
    shifted so per-example indices are unchanged — a batch of keys gives
    each example the randomness of its own key, bit for bit); scalar code
    becomes elementwise code on `[batch]` tensors, and `tensor.extract` /
    `from_elements` / `extract_slice` / reshapes get the batch axis. A body
    that reads elements of a batched tensor it captures (a gather: an
    embedding's table, a shuffle's rows) reads them at the example's own
    index, `linalg.index 0`.
  }];
  let options = [
    Option<"function", "function", "std::string", "\"\"",
           "The function to batch">,
    ListOption<"inAxes", "in-axes", "std::string",
               "Per argument: the batch axis, or 'none' (shared)">,
    ListOption<"outAxes", "out-axes", "std::string",
               "Per result: the batch axis (default 0)">,
    Option<"batch", "batch", "int64_t", "0", "The batch size">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNJacfwdPass : Pass<"nn-jacfwd", "::mlir::ModuleOp"> {
  let summary = "Forward-mode Jacobian (jax.jacfwd)";
  let description = [{
    Adds `<function>_jacfwd`, with `<function>`'s arguments, returning for
    each result its Jacobian with respect to argument `wrt`, shaped as
    `jax.jacfwd`: the result's shape followed by the argument's shape.

    `wrt` takes a list, as `jax.jacfwd`'s `argnums` takes a tuple:
    `wrt=1,2` gives each result one Jacobian per listed argument, in order,
    flattened result-major as JAX nests them: for results `(a, b)`,
    `(da/d1, da/d2, db/d1, db/d2)`. The default is argument 0.

    The Jacobian is the JVP mapped over the standard basis: `nn-jvp`, then
    `nn-vmap` over the tangent with the basis built in place (an iota
    comparison, no constant), then one transpose and reshape. One batched
    function per listed argument, not a loop of N calls.
  }];
  let options = [
    Option<"function", "function", "std::string", "\"\"",
           "The function to differentiate">,
    // Strings, checked by the pass (see nn-jvp).
    ListOption<"wrt", "wrt", "std::string",
               "Indices of the arguments to differentiate with respect to, "
               "e.g. wrt=1,2 (default: 0)">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNJacrevPass : Pass<"nn-jacrev", "::mlir::ModuleOp"> {
  let summary = "Reverse-mode Jacobian (jax.jacrev)";
  let description = [{
    Adds `<function>_jacrev`, with `<function>`'s arguments, returning for
    each result its Jacobian with respect to each argument in `wrt` (jax's
    `argnums`, default 0), shaped as `jax.jacrev`: the result's shape
    followed by the argument's shape, flattened per result then per
    argument like nn-jacfwd.

    The Jacobian is the VJP mapped over the standard basis of each result's
    cotangent (the other results' cotangents zero): `nn-vjp` once, then one
    `nn-vmap` per result, each giving that result's rows of every listed
    argument's Jacobian. Cheaper than nn-jacfwd when results are smaller
    than arguments; `nn-jacfwd` of `<function>_jacrev` gives a Hessian.
  }];
  let options = [
    Option<"function", "function", "std::string", "\"\"",
           "The function to differentiate">,
    ListOption<"wrt", "wrt", "std::string",
               "Indices of the arguments to differentiate with respect to, "
               "e.g. wrt=1,2 (default: 0)">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNTrainStepPass : Pass<"nn-train-step", "::mlir::ModuleOp"> {
  let summary = "One optimizer step of a loss: value, gradients and the "
                "update, as one function";
  let description = [{
    Adds `<function>_train_step`: `function` returns its loss first
    (`tensor<f32>`, any other results are auxiliary data); the parameters
    are the arguments listed in `wrt`, by default those named with
    `nn.name`. The train step takes `function`'s arguments followed by the
    optimizer's state (for `adam` and `adamw`: one first moment per
    parameter, then one second moment per parameter, named `<param>.m` /
    `<param>.v`, then the shared count `step : tensor<i32>`; for `sgd` with
    momentum, one buffer per parameter, `<param>.momentum`, and with a
    learning-rate schedule the count `step` last), and returns the updated
    parameters, the updated state in the same order (named as the
    arguments they replace), the loss and the auxiliary results:

    ```mlir
    // nn-train-step{function=loss optimizer=adam learning-rate=0.001}
    func.func @loss_train_step(%w, %x, %y, %w.m, %w.v, %step)
        -> (%w', %w.m', %w.v', %step', %loss)
    ```

    Non-trainable layer state (BatchNorm's moving statistics) is an
    argument with `nn.name` that an auxiliary result of the same name and
    type updates, as Keras' `stateless_call` returns its non-trainable
    variables and Flax's mutable collections do. It is never a parameter
    (listing it in `wrt` is an error); the train step returns its new value
    after the parameters and before the optimizer state, donated like them,
    and drops that result from the auxiliary results:

    ```mlir
    func.func @loss(%w {nn.name = "w"}, %mean {nn.name = "moving_mean"}, %x)
        -> (tensor<f32>, tensor<4xf32> {nn.name = "moving_mean"}, %logits)
    // nn-train-step{function=loss optimizer=sgd} adds
    func.func @loss_train_step(%w, %mean, %x) -> (%w', %mean', %loss, %logits)
    ```

    The gradients are nn-value-and-grad's; each parameter is then updated
    by `nn.sgd_update`, `nn.adam_update` or `nn.adamw_update` (their
    formulas: docs/Optimizers.md). Everything is one pure function of its
    inputs, so a step replays exactly from the same inputs.

    The learning rate is `schedule`'s value at the count of updates
    already applied (the `step` argument, 0 on the first call), computed in
    the step from that count: Optax's schedules, evaluated at Optax's count
    (the one before the update), in f64 and rounded to f32 once.
    `learning-rate` is the schedule's initial value (its peak for
    `warmup_cosine_decay`):

    | schedule | options | Optax |
    | --- | --- | --- |
    | `constant` (default) | | `constant_schedule` |
    | `exponential_decay` | `transition-steps`, `decay-rate`, `transition-begin`, `staircase`, `end-learning-rate` (a bound) | `exponential_decay` |
    | `cosine_decay` | `decay-steps`, `alpha` | `cosine_decay_schedule` |
    | `warmup_cosine_decay` | `warmup-steps`, `decay-steps` (warmup included), `warmup-learning-rate`, `end-learning-rate` | `warmup_cosine_decay_schedule` |
    | `linear` | `transition-steps`, `end-learning-rate`, `transition-begin` | `linear_schedule` |

    An option the schedule does not take, or a value Optax would reject or
    silently turn into a constant schedule (`decay-steps=0`,
    `decay-rate=0`), is an error.

    `clip-global-norm=N` (0: off) clips the gradients before the update as
    `optax.clip_by_global_norm(N)`: with `g_norm` the square root of the
    sum of every gradient's squared elements, each gradient `g` becomes
    `g` if `g_norm < N`, else `(g / g_norm) * N`.

    With `donate` (the default), the parameters and the optimizer state are
    donated, as with JAX's `jax.jit(step, donate_argnums=...)`: each updated
    value is marked `nn.donated_from = <argument index> : i64` (the nn
    dialect's result attribute), so compiled code updates the argument's
    buffer in place and returns it as that result (docs/Optimizers.md,
    Donation). The caller's parameter and state buffers then hold the new
    values after a call; `donate=false` leaves every argument untouched.

    `report-residuals=true` reports the values the gradients keep from the
    forward pass and `remat` chooses them, as for nn-vjp.
  }];
  let options = [
    Option<"function", "function", "std::string", "\"\"",
           "The loss function">,
    ListOption<"wrt", "wrt", "std::string",
               "Indices of the parameters (default: the arguments with "
               "nn.name)">,
    Option<"optimizer", "optimizer", "std::string", "\"sgd\"",
           "sgd, adam or adamw">,
    Option<"learningRate", "learning-rate", "double", "0.01",
           "The learning rate: the schedule's initial value (its peak for "
           "warmup_cosine_decay)">,
    Option<"momentum", "momentum", "double", "0.0",
           "SGD's momentum (0: none)">,
    Option<"nesterov", "nesterov", "bool", "false", "Nesterov momentum">,
    Option<"beta1", "beta1", "double", "0.9", "Adam's beta1">,
    Option<"beta2", "beta2", "double", "0.999", "Adam's beta2">,
    Option<"epsilon", "epsilon", "double", "1.0e-8", "Adam's epsilon">,
    Option<"weightDecay", "weight-decay", "double", "0.01",
           "AdamW's decoupled weight decay">,
    Option<"keras", "keras", "bool", "false",
           "Keras 3's formulas instead of PyTorch's / Optax's">,
    Option<"schedule", "schedule", "std::string", "\"constant\"",
           "The learning-rate schedule: constant, exponential_decay, "
           "cosine_decay, warmup_cosine_decay or linear (Optax's)">,
    Option<"decaySteps", "decay-steps", "int64_t", "0",
           "cosine_decay, warmup_cosine_decay: the step at which the decay "
           "ends (Optax's decay_steps)">,
    Option<"alpha", "alpha", "double", "0.0",
           "cosine_decay: the final rate as a fraction of learning-rate">,
    Option<"warmupSteps", "warmup-steps", "int64_t", "0",
           "warmup_cosine_decay: steps of linear warmup">,
    Option<"warmupLearningRate", "warmup-learning-rate", "double", "0.0",
           "warmup_cosine_decay: the rate at step 0 (Optax's init_value)">,
    Option<"endLearningRate", "end-learning-rate", "double", "0.0",
           "warmup_cosine_decay, linear: the final rate; exponential_decay: "
           "a bound (Optax's end_value)">,
    Option<"transitionSteps", "transition-steps", "int64_t", "0",
           "exponential_decay, linear: Optax's transition_steps">,
    Option<"transitionBegin", "transition-begin", "int64_t", "0",
           "exponential_decay, linear: steps at the initial rate first">,
    Option<"decayRate", "decay-rate", "double", "0.0",
           "exponential_decay: the factor per transition-steps">,
    Option<"staircase", "staircase", "bool", "false",
           "exponential_decay: decay in whole transitions">,
    Option<"clipGlobalNorm", "clip-global-norm", "double", "0.0",
           "Clip the gradients to this global norm before the update "
           "(optax.clip_by_global_norm; 0: off)">,
    Option<"donate", "donate", "bool", "true",
           "Update the parameters and the state in their argument buffers "
           "(nn.donated_from on the updated results)">,
    Option<"reportResiduals", "report-residuals", "bool", "false",
           "Emit a remark listing the forward values the backward pass "
           "reads (the residuals) and their bytes per call">,
    Option<"remat", "remat", "std::string", "\"everything_saveable\"",
           "Which forward values the backward pass keeps: "
           "everything_saveable, dots_saveable or nothing_saveable">,
  ];
  let dependentDialects = ["::mlir::nn::NNDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // NN_FUNCTIONTRANSFORMS_PASSES_TD
