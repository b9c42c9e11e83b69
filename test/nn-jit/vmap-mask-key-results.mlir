// Results of a transformed function keep their mask and key meaning: "a
// batch of masks is N x bytes marked nn.mask, a batch of keys is N x 2
// words marked nn.key" (docs/transformations/Vmap.md), so nn-jit returns
// them as i1 masks and ui32 words, as for the original function. (They
// used to come back as i8 and signed i32: the lowered copy marked only its
// arguments. The values are compared in transforms-sequences.mlir and
// transforms-random.mlir.)
// RUN: nn-jit %s --function=masks --input=2xi32=1,2 | FileCheck %s --check-prefix=MASK
// RUN: nn-jit %s --prepare='builtin.module(nn-vmap{function=masks in-axes=0 batch=1})' --function=masks_vmap \
// RUN:   --input=1x2xi32=1,2 | FileCheck %s --check-prefix=MASK
// MASK: result 0: tensor<{{(1x)?}}2x3xi1>
// MASK: true, false, false
// RUN: nn-jit %s --function=keys --input=key:3 | FileCheck %s --check-prefix=KEYS
// RUN: nn-jit %s --prepare='builtin.module(nn-vmap{function=keys in-axes=0 batch=1})' --function=keys_vmap \
// RUN:   --input=1x2xui32=0,3 | FileCheck %s --check-prefix=KEYS
// KEYS: result 0: tensor<{{(1x)?}}2x2xui32>
func.func @masks(%lengths: tensor<2xi32>) -> tensor<2x3xi1> {
  %0 = nn.sequence_mask %lengths : tensor<2xi32> -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}
func.func @keys(%k: !nn.key) -> tensor<2x!nn.key> {
  %0 = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  return %0 : tensor<2x!nn.key>
}
