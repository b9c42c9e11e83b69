//===- Passes.td - nn dialect transformations --------------*- tablegen -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_TRANSFORMS_PASSES_TD
#define NN_DIALECT_NN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def NNPropagateMasksPass : Pass<"nn-propagate-masks", "::mlir::ModuleOp"> {
  let summary = "Carry timestep masks to the ops that consume them, across "
                "ops and calls (Keras' implicit mask propagation, explicit)";
  let description = [{
    A timestep mask starts at `nn.masking` (its mask result) or
    `nn.apply_mask` (its mask operand) and flows with the data through
    mask-preserving ops: activations, `nn.dense` on `[batch, time, ...]`
    data (applied per timestep), `nn.layer_norm` and `nn.softmax` over the
    last axis of such data, `nn.apply_mask`, and elementwise arith ops (two
    differently masked operands give the `nn.mask_and` of their masks, as
    Keras merges masks). Every mask-consuming op (`nn.global_avg_pool`,
    `nn.global_max_pool`) whose input carries a mask but which has no mask
    operand gets that mask. Ops that reduce over time consume the mask; it
    does not flow past them.

    Across calls, both ways:
    * a masked value passed to a function gives the callee the mask as an
      extra argument (marked `nn.mask_of = <data argument index>`);
    * a function that returns masked data returns the mask too (an extra
      result marked `nn.mask_of = <data result index>`), so the caller's
      pooling gets it (Keras' `compute_mask`).

    Public functions keep their signatures (the JIT's calling convention and
    cache key depend on them): a public callee, or a private one that is
    also called differently, is cloned into a private specialization. Only
    private functions change.

    Through regions: a value carried by `scf.for` keeps its mask when the
    body yields it with the same mask; an `scf.if` result keeps a mask that
    both branches yield.

    A mask-consuming op whose input comes from masked data but which still
    has no mask afterwards (the mask was lost at an op the pass cannot see
    through) gets a warning naming where the mask was lost; with
    `strict=true` it is an error.
  }];
  let options = [
    Option<"strict", "strict", "bool", "false",
           "Make a lost mask an error instead of a warning">,
  ];
  let dependentDialects = ["::mlir::nn::NNDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::scf::SCFDialect"];
}

def NNInferencePass : Pass<"nn-inference"> {
  let summary = "Inference mode: dropout becomes the identity";
  let description = [{
    Rewrites every `nn.dropout` to its input (training-only randomness
    removed), as Keras' `training=False` and Flax's `deterministic=True`.
    With `keep-dropout=true` dropout stays (Monte-Carlo dropout). nn-jit runs
    this pass unless `--training` is given.
  }];
  let options = [
    Option<"keepDropout", "keep-dropout", "bool", "false",
           "Keep dropout at inference (Monte-Carlo dropout)">,
  ];
}

def NNCheckKeyReusePass : Pass<"nn-check-key-reuse"> {
  let summary = "Warn where one key feeds more than one random op";
  let description = [{
    Two random ops given the same key draw the same (or overlapping) bits,
    almost never what was meant: JAX's rule is to split or fold in before
    every use. This lint warns at every random op after the first that
    consumes a key value, naming the first; `nn.rng.split` and
    `nn.rng.fold_in` count as consumers. It runs before CSE in the
    pipelines (CSE would merge the identical ops and hide the mistake).
    Reading one key of a key array (`nn.rng.key_at`) is not a use of the
    array; two reads of the same index are.
  }];
}

def NNExportActivationsPass : Pass<"nn-export-activations", "::mlir::ModuleOp"> {
  let summary = "Return chosen intermediate values as extra, named results";
  let description = [{
    Every op of a public function that carries `nn.export = "name"` has its
    (single) result appended to the function's results, with the result
    attribute `nn.name = "name"`, in program order; the attribute is then
    removed. With `all-layers=true`, every nn layer op (dense, activations,
    softmax, layer_norm, pooling, attention, dropout, embedding) is exported,
    named `<op>_<n>` when it has no name. Calls of the function in the module
    get the new results too. Counts and shapes are static, as under
    jax.jit. Values inside regions cannot be exported (inline first: nn-jit's
    `--export-activations` runs `inline` before this pass).
  }];
  let options = [
    Option<"allLayers", "all-layers", "bool", "false",
           "Export the output of every nn layer op">,
  ];
}

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
    `wrt` is an error, and so is an op without a rule (named). Calls must be
    inlined first.
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
    `from_elements` / reshapes get the batch axis.
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

#endif // NN_DIALECT_NN_TRANSFORMS_PASSES_TD
