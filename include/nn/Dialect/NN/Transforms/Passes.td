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

#endif // NN_DIALECT_NN_TRANSFORMS_PASSES_TD
