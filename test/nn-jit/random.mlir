// Random ops through nn-jit, bit-exact with JAX's default PRNG as specified:
// the Random123 threefry2x32-20 known answers, fold_in / split / uniform
// known answers from the RNG issue, JAX-style seeds, and an independent NumPy
// implementation (Inputs/threefry_reference.py) compared bit for bit.
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t

// Random123: key (0,0) ctr (0,0); key (2^32-1, 2^32-1) ctr (2^32-1, 2^32-1);
// key (0x13198a2e, 0x03707344) ctr (0x243f6a88, 0x85a308d3).
// RUN: nn-jit %s --function=threefry --input=2xui32=0,0 --input=2xui32=4294967295,4294967295 --input=2xui32=320440878,57701188 --input=3x2xi32=0,0,-1,-1,608135816,-2052912941 --output=@%t/kat0.npy --output=@%t/kat1.npy --output=@%t/kat2.npy
// RUN: %python %S/Inputs/threefry_reference.py check_kat %t/kat0.npy %t/kat1.npy %t/kat2.npy | FileCheck %s --check-prefix=KAT
// KAT:      0x6b200159 0x99ba4efe OK
// KAT-NEXT: 0x1cb996fc 0xbb002be7 OK
// KAT-NEXT: 0xc4923a9c 0x483df7a0 OK

// fold_in(key(0), 0) = [1797259609, 2579123966], fold_in(key(0), 1) =
// [928981903, 3453687069]; split(key(0), 2) gives the same two keys.
// RUN: nn-jit %s --function=fold_and_split --input=key:0 | FileCheck %s --check-prefix=FOLD
// FOLD:      result 0: tensor<2xui32>
// FOLD-NEXT: [1797259609, 2579123966]
// FOLD-NEXT: result 1: tensor<2xui32>
// FOLD-NEXT: [928981903, 3453687069]
// FOLD-NEXT: result 2: tensor<2x2xui32>
// FOLD-NEXT: {{\[}}[1797259609, 2579123966],
// FOLD-NEXT:  [928981903, 3453687069]]

// uniform(key(0)) = 0.947667; uniform(key(0), (3,)) = [0.947667, 0.9785799,
// 0.33229148].
// RUN: nn-jit %s --function=uniform --input=key:0 | FileCheck %s --check-prefix=UNIFORM
// UNIFORM:      result 0: tensor<f32>
// UNIFORM-NEXT: 0.947667
// UNIFORM-NEXT: result 1: tensor<3xf32>
// UNIFORM-NEXT: [0.947667, 0.9785799, 0.3322915]

// Seeds: key(42) = [0, 42], key(-1) = [2^32-1, 2^32-1], Keras' 42 = [42, 0].
// RUN: nn-jit %s --function=identity --input=key:42 --input=key:-1 --input=keras:42 | FileCheck %s --check-prefix=SEEDS
// SEEDS: [0, 42]
// SEEDS: [4294967295, 4294967295]
// SEEDS: [42, 0]

// A raw key from a uint32[2] .npy (a JAX raw key array) works the same.
// RUN: %python -c "import numpy as np; np.save('%t/key.npy', np.array([0, 42], np.uint32))"
// RUN: nn-jit %s --function=identity --input=@%t/key.npy --input=key:0 --input=key:0 | FileCheck %s --check-prefix=RAW
// RAW: result 0: tensor<2xui32>
// RAW-NEXT: [0, 42]

// A new key gives new numbers without recompiling; the same key, the same.
// RUN: nn-jit %s --function=uniform --no-cache --input=key:1 --input=key:2 --input=key:1 --cache-stats | FileCheck %s --check-prefix=KEYS
// KEYS:      result 1: tensor<3xf32>
// KEYS-NEXT: {{^}}[[FIRST:\[.*\]]]
// KEYS:      result 1: tensor<3xf32>
// KEYS-NOT:  [[FIRST]]
// KEYS:      result 1: tensor<3xf32>
// KEYS-NEXT: {{^}}[[FIRST]]
// KEYS: cache: compiled=1 memory_hits=0 disk_hits=0

// Bit for bit against the NumPy implementation: uniform in [-2, 3) over
// [4, 257] (flat indices past one vector, a scaled range) for key(42).
// RUN: nn-jit %s --function=uniform_range --input=key:42 --output=@%t/u.npy
// RUN: %python %S/Inputs/threefry_reference.py uniform 0 42 4x257 -2.0 3.0 %t/u_ref.npy
// RUN: %python %S/Inputs/compare_npy.py %t/u.npy %t/u_ref.npy 0 0 | FileCheck %s --check-prefix=EXACT
// EXACT: MATCH 1028 values

// Three keys, three counter pairs: result i is threefry(key i, counters) and
// its row i is the known answer i.
func.func @threefry(%k0: !nn.key, %k1: !nn.key, %k2: !nn.key, %c: tensor<3x2xi32>)
    -> (tensor<3x2xi32>, tensor<3x2xi32>, tensor<3x2xi32>) {
  %0 = nn.rng.threefry2x32 %k0, %c : tensor<3x2xi32>
  %1 = nn.rng.threefry2x32 %k1, %c : tensor<3x2xi32>
  %2 = nn.rng.threefry2x32 %k2, %c : tensor<3x2xi32>
  return %0, %1, %2 : tensor<3x2xi32>, tensor<3x2xi32>, tensor<3x2xi32>
}

func.func @fold_and_split(%k: !nn.key) -> (!nn.key, !nn.key, tensor<2x!nn.key>) {
  %c0 = arith.constant dense<0> : tensor<i32>
  %c1 = arith.constant dense<1> : tensor<i32>
  %a = nn.rng.fold_in %k, %c0 : tensor<i32>
  %b = nn.rng.fold_in %k, %c1 : tensor<i32>
  %s = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  return %a, %b, %s : !nn.key, !nn.key, tensor<2x!nn.key>
}

func.func @uniform(%k: !nn.key) -> (tensor<f32>, tensor<3xf32>) {
  %u = nn.rng.uniform %k : tensor<f32>
  %v = nn.rng.uniform %k : tensor<3xf32>
  return %u, %v : tensor<f32>, tensor<3xf32>
}

func.func @uniform_range(%k: !nn.key) -> tensor<4x257xf32> {
  %u = nn.rng.uniform %k minval = -2.0 maxval = 3.0 : tensor<4x257xf32>
  return %u : tensor<4x257xf32>
}

func.func @identity(%a: !nn.key, %b: !nn.key, %c: !nn.key) -> (!nn.key, !nn.key, !nn.key) {
  return %a, %b, %c : !nn.key, !nn.key, !nn.key
}
