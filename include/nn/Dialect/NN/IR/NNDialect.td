//===- NNDialect.td - nn dialect definition ----------------*- tablegen -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNDIALECT_TD
#define NN_DIALECT_NN_IR_NNDIALECT_TD

include "mlir/IR/OpBase.td"

def NN_Dialect : Dialect {
  let name = "nn";
  let cppNamespace = "::mlir::nn";
  let summary = "Neural-network layers whose parameters, masks and keys are SSA values";
  let description = [{
    The `nn` dialect models the layers of a neural network (dense layers,
    activations, normalizations, pooling, embeddings) as pure operations on
    ranked, statically shaped tensors. Parameters are ordinary function
    arguments: there is no hidden variable state anywhere in the IR, so a
    function of this dialect is a pure function of (parameters, inputs), the
    stateless form users know from `keras.Model.stateless_call` and Flax's
    `apply`.

    Conventions shared by all ops:

    * Layouts follow Keras: data is `[batch..., features]` (channels last),
      a dense kernel is `[in, out]`, sequences are `[batch, time, features]`.
    * Axis attributes accept negative values counted from the end, as in
      Keras and JAX; canonicalization rewrites them to their non-negative
      form.
    * Each op lists its rules as C1, C2, ... in its description; the verifier
      cites them and `test/Dialect/NN/invalid.mlir` names each case after the
      rule it breaks.
    * Element type: `f32` (wider float support is planned).
    * An op takes the attributes it defines and the nn dialect's own
      discardable ones (`nn.export`, `nn.lowering_config`), which the dialect
      verifies; any other attribute is an error naming it, never ignored.
    * A function result may carry `nn.donated_from = <argument index> : i64`
      (JAX's `donate_argnums`, from the result's side): the result has the
      argument's type and is computed into the argument's buffer, which the
      caller gives up (donates). The code generator writes it in place
      (`nn-write-donated-in-place`), the result is then no output of the
      compiled function (`nn-drop-donated-results`), and the JIT hands the
      argument's buffer back as the result. The dialect verifies that the
      index names an argument of the same type, donated to one result only.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
}

#endif // NN_DIALECT_NN_IR_NNDIALECT_TD
