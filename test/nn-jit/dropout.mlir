// Case 3 of docs/Motivation.md (dropout under jit): the key is a runtime
// input, so each call with a new key drops new units without recompiling,
// and the same key gives the same pattern bit for bit; inference mode is the
// identity. Values are checked bit for bit against the NumPy implementation
// of the spec.
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t

// Keys 0..9, then key 2 again (the 3rd and the 11th call): ten distinct
// patterns, the repeat identical, one compilation.
// RUN: nn-jit %s --function=dropout --training --no-cache --cache-stats \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:0 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:1 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:2 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:3 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:4 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:5 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:6 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:7 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:8 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:9 \
// RUN:   --input=4x8xf32=1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8,1,2,3,4,5,6,7,8 --input=key:2 \
// RUN:   > %t/calls.txt
// RUN: %python %S/Inputs/distinct_calls.py %t/calls.txt | FileCheck %s --check-prefix=CALLS
// RUN: FileCheck %s --check-prefix=COMPILED < %t/calls.txt
// CALLS: calls=11 distinct=10 same_key_equal=True
// COMPILED: cache: compiled=1 memory_hits=0 disk_hits=0

// Inference mode (nn-jit's default): the identity.
// RUN: nn-jit %s --function=drop_all --input=2x2xf32=1,2,3,4 --input=key:0 | FileCheck %s --check-prefix=INFERENCE
// INFERENCE: result 0: tensor<2x2xf32>
// INFERENCE-NEXT: {{\[}}[1, 2],
// INFERENCE-NEXT:  [3, 4]]

// Bit for bit: dropout(rate 0.3, key(42)) of a [4, 300] input, and
// bernoulli(p = 0.25, key(7)) over [3, 50].
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.random.default_rng(5).standard_normal((4, 300)).astype(np.float32))"
// RUN: nn-jit %s --function=dropout_big --training --input=@%t/x.npy --input=key:42 --output=@%t/d.npy
// RUN: %python %S/Inputs/threefry_reference.py dropout 0 42 %t/x.npy 0.3 %t/d_ref.npy
// RUN: %python %S/Inputs/compare_npy.py %t/d.npy %t/d_ref.npy 0 0 | FileCheck %s --check-prefix=EXACT
// EXACT: MATCH 1200 values
// RUN: nn-jit %s --function=bernoulli --input=key:7 --output=@%t/b.npy
// RUN: %python %S/Inputs/threefry_reference.py bernoulli 0 7 3x50 0.25 %t/b_ref.npy
// RUN: %python %S/Inputs/compare_npy.py %t/b.npy %t/b_ref.npy 0 0 | FileCheck %s --check-prefix=BERNOULLI
// BERNOULLI: MATCH 150 values

// rate 1 gives zeros.
// RUN: nn-jit %s --function=drop_all --training --input=2x2xf32=1,2,3,4 --input=key:0 | FileCheck %s --check-prefix=ALL
// ALL: {{\[}}[0, 0],
// ALL-NEXT: [0, 0]]

func.func @dropout(%x: tensor<4x8xf32>, %k: !nn.key) -> tensor<4x8xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

func.func @dropout_big(%x: tensor<4x300xf32>, %k: !nn.key) -> tensor<4x300xf32> {
  %0 = nn.dropout %x, %k rate = 0.3 : tensor<4x300xf32>
  return %0 : tensor<4x300xf32>
}

func.func @bernoulli(%k: !nn.key) -> tensor<3x50xi1> {
  %0 = nn.rng.bernoulli %k p = 0.25 : tensor<3x50xi1>
  return %0 : tensor<3x50xi1>
}

func.func @drop_all(%x: tensor<2x2xf32>, %k: !nn.key) -> tensor<2x2xf32> {
  %0 = nn.dropout %x, %k rate = 1.0 : tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
