//===- NNAttrs.td - nn dialect attributes and enums -------*- tablegen -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNATTRS_TD
#define NN_DIALECT_NN_IR_NNATTRS_TD

include "nn/Dialect/NN/IR/NNDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def NN_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "how nn.gelu evaluates the Gaussian CDF", [
      I32EnumAttrCase<"none", 0>,
      I32EnumAttrCase<"tanh", 1>
    ]> {
  let cppNamespace = "::mlir::nn";
}

def NN_Initializer : I32EnumAttr<"Initializer",
    "a Keras 3 weight initializer", [
      I32EnumAttrCase<"glorot_uniform", 0>,
      I32EnumAttrCase<"glorot_normal", 1>,
      I32EnumAttrCase<"he_uniform", 2>,
      I32EnumAttrCase<"he_normal", 3>,
      I32EnumAttrCase<"lecun_normal", 4>,
      I32EnumAttrCase<"truncated_normal", 5>,
      I32EnumAttrCase<"zeros", 6>,
      I32EnumAttrCase<"ones", 7>,
      I32EnumAttrCase<"constant", 8>
    ]> {
  let cppNamespace = "::mlir::nn";
}

def NN_LossReduction : I32EnumAttr<"LossReduction",
    "how a loss op reduces its per-example losses (Keras 3's reductions)", [
      I32EnumAttrCase<"sum_over_batch_size", 0>,
      I32EnumAttrCase<"sum", 1>,
      I32EnumAttrCase<"none", 2>,
      I32EnumAttrCase<"mean_with_sample_weight", 3>
    ]> {
  let cppNamespace = "::mlir::nn";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

class NN_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<NN_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def NN_LoweringConfigAttr : NN_Attr<"LoweringConfig", "lowering_config"> {
  let summary = "tile sizes chosen for one linalg op by the lowering strategy";
  let description = [{
    Written by `nn-select-lowering-strategy` onto linalg ops (as the
    discardable attribute `nn.lowering_config`) and read by
    `nn-tile-and-fuse`. There is one entry per loop of the op's iteration
    space; 0 means "do not tile this loop".

    * `cache_tile_sizes` (optional): cache-level tiles of the parallel loops,
      each a multiple of the register tile. The root of a fusion group is
      tiled with them into one `scf.forall` (the loop that threads share)
      and its producers are fused into it; absent or all 0 = one tile.
    * `tile_sizes`: register-level tiles of the parallel loops, inside the
      cache tile. The root of a fusion group is tiled with them and its
      producers are fused into the tile loops.
    * `reduction_tile_sizes`: the step of the reduction loops inside one
      register tile (e.g. 1 for the k loop of a matmul, so that the
      accumulator tile stays in registers).
    * `copied_operands` (optional): input operands whose slice for one
      cache tile (and k block) is first copied into a contiguous buffer
      that the register tiles read: a matmul's A block (operand 0) when its
      rows lie a power-of-two stride apart, which L2 keeps only a few of.

    Example: `#nn.lowering_config<cache_tile_sizes = [128, 256, 0],
    tile_sizes = [8, 32, 0], reduction_tile_sizes = [0, 0, 1]>` for a
    1024^3 matmul.
  }];
  let parameters = (ins
    ArrayRefParameter<"int64_t", "parallel tile sizes">:$tileSizes,
    ArrayRefParameter<"int64_t", "reduction tile sizes">:$reductionTileSizes,
    OptionalArrayRefParameter<"int64_t", "cache tile sizes">:$cacheTileSizes,
    OptionalArrayRefParameter<"int64_t", "input operands copied per cache tile">:$copiedOperands
  );
  let builders = [
    AttrBuilder<(ins "ArrayRef<int64_t>":$tileSizes,
                     "ArrayRef<int64_t>":$reductionTileSizes), [{
      return $_get($_ctxt, tileSizes, reductionTileSizes, ArrayRef<int64_t>{},
                   ArrayRef<int64_t>{});
    }]>,
    AttrBuilder<(ins "ArrayRef<int64_t>":$tileSizes,
                     "ArrayRef<int64_t>":$reductionTileSizes,
                     "ArrayRef<int64_t>":$cacheTileSizes), [{
      return $_get($_ctxt, tileSizes, reductionTileSizes, cacheTileSizes,
                   ArrayRef<int64_t>{});
    }]>
  ];
  let assemblyFormat = [{
    `<` (`cache_tile_sizes` `=` `[` $cacheTileSizes^ `]` `,` ` `)?
        `tile_sizes` `=` `[` $tileSizes `]` `,`
        `reduction_tile_sizes` `=` `[` $reductionTileSizes `]`
        (`,` `copied_operands` `=` `[` $copiedOperands^ `]`)? `>`
  }];
  let genVerifyDecl = 1;
}

#endif // NN_DIALECT_NN_IR_NNATTRS_TD
