//===- NNTypes.td - nn dialect types -----------------------*- tablegen -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DIALECT_NN_IR_NNTYPES_TD
#define NN_DIALECT_NN_IR_NNTYPES_TD

include "nn/Dialect/NN/IR/NNDialect.td"
include "mlir/IR/AttrTypeBase.td"

def NN_KeyType : TypeDef<NN_Dialect, "Key"> {
  let mnemonic = "key";
  let summary = "a threefry2x32 random key (two 32-bit words)";
  let description = [{
    The key of JAX's default PRNG: two 32-bit words. Being its own type, a
    key can never be used as data by mistake. Key arrays (from
    `nn.rng.split`) are `tensor<N x !nn.key>`.

    At function boundaries and in memory a key is 8 bytes, two little-endian
    uint32 words (the layout of a JAX raw key array, `uint32[2]`); a key
    array is `uint32[N, 2]`. Lowering maps `!nn.key` to `tensor<2xi32>`.
  }];
}

#endif // NN_DIALECT_NN_IR_NNTYPES_TD
