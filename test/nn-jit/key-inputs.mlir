// A key argument takes key:SEED, keras:SEED, a uint32 [2] .npy or a
// 2xui32 literal (a key array: a uint32 [..., 2] .npy or literal). Anything
// else (an i32 literal, an int64 .npy) is refused with the key's IR type and
// those spellings, not only the buffer type a generic check would name.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/key.npy', np.array([0, 42], np.uint32)); np.save('%t/key64.npy', np.array([0, 42], np.int64)); np.save('%t/keys.npy', np.array([[0, 1], [0, 2], [0, 3]], np.uint32)); np.save('%t/keys64.npy', np.zeros((3, 2), np.int64))"

// The spellings that work: one call each.
// RUN: nn-jit %s --function=one --input=key:42 --input=2xui32=0,42 --input=@%t/key.npy --input=keras:42 | FileCheck %s --check-prefix=ONE
// ONE:      result 0: tensor<2xui32>
// ONE-NEXT: [0, 42]
// ONE:      result 0: tensor<2xui32>
// ONE-NEXT: [0, 42]
// ONE:      result 0: tensor<2xui32>
// ONE-NEXT: [0, 42]
// ONE:      result 0: tensor<2xui32>
// ONE-NEXT: [42, 0]
// RUN: nn-jit %s --function=many --input=@%t/keys.npy --input=3x2xui32=0,1,0,2,0,3 | FileCheck %s --check-prefix=MANY
// MANY:      result 0: tensor<3x2xui32>
// MANY-NEXT: {{\[}}[0, 1],
// MANY:      result 0: tensor<3x2xui32>
// MANY-NEXT: {{\[}}[0, 1],

// RUN: not nn-jit %s --function=one --input=2xi32=0,42 2>&1 | FileCheck %s --check-prefix=I32
// I32: nn-jit: error: function 'one': argument 0 ('seed') is a key (!nn.key), got tensor<2xi32>; give key:SEED (jax.random.PRNGKey(SEED)), keras:SEED (Keras 3's seed), @key.npy holding a uint32 [2] array (e.g. jax.random.key_data(k)) or 2xui32=HI,LO
// RUN: not nn-jit %s --function=one --input=@%t/key64.npy 2>&1 | FileCheck %s --check-prefix=I64
// I64: nn-jit: error: function 'one': argument 0 ('seed') is a key (!nn.key), got tensor<2xi64>; give key:SEED
// RUN: not nn-jit %s --function=one --input=3xui32=0,0,42 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: nn-jit: error: function 'one': argument 0 ('seed') is a key (!nn.key), got tensor<3xui32>; give key:SEED

// RUN: not nn-jit %s --function=many --input=@%t/keys64.npy 2>&1 | FileCheck %s --check-prefix=ARRAY
// ARRAY: nn-jit: error: function 'many': argument 0 is a key array (tensor<3x!nn.key>), got tensor<3x2xi64>; give @keys.npy holding a uint32 [3, 2] array (e.g. jax.random.key_data(keys)) or 3x2xui32=HI,LO,...
// RUN: not nn-jit %s --function=many --input=key:0 2>&1 | FileCheck %s --check-prefix=SEED
// SEED: nn-jit: error: 'key:0' is one key, but the argument is a key array (tensor<3x!nn.key>); give @keys.npy holding a uint32 [3, 2] array

func.func @one(%k: !nn.key {nn.name = "seed"}) -> !nn.key {
  return %k : !nn.key
}

func.func @many(%k: tensor<3x!nn.key>) -> tensor<3x!nn.key> {
  return %k : tensor<3x!nn.key>
}
