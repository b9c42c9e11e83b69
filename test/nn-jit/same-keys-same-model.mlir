// Case 2 of docs/Motivation.md: the same model written two ways — one flat
// function, and several called functions that create the parameters, shuffle
// the data and run the layers in a different textual order — with
// parameters from initializers on keys split from one seed, dropout, and a
// dataset shuffled by a permutation. Given the same seed, the outputs are
// bit-identical: flat, modular, modular after inlining, and from the disk
// cache. A different seed gives different outputs.
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/data.npy', np.random.default_rng(1).standard_normal((6, 4)).astype(np.float32))"
// RUN: nn-jit %s --training --function=flat --input=@%t/data.npy --input=key:42 --output=@%t/flat.npy
// RUN: nn-jit %s --training --function=modular --input=@%t/data.npy --input=key:42 --output=@%t/modular.npy
// RUN: nn-jit %s --training --function=modular --pipeline='builtin.module(inline,nn-lower-to-llvm{use-workspace=true})' --input=@%t/data.npy --input=key:42 --output=@%t/inlined.npy
// RUN: nn-jit %s --training --function=flat --input=@%t/data.npy --input=key:42 --output=@%t/cached.npy --cache-stats | FileCheck %s --check-prefix=CACHED
// CACHED: cache: compiled=0 memory_hits=0 disk_hits=1
// RUN: nn-jit %s --training --function=flat --input=@%t/data.npy --input=key:43 --output=@%t/other.npy
// RUN: %python %S/Inputs/compare_npy.py %t/modular.npy %t/flat.npy 0 0 | FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/compare_npy.py %t/inlined.npy %t/flat.npy 0 0 | FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/compare_npy.py %t/cached.npy %t/flat.npy 0 0 | FileCheck %s --check-prefix=SAME
// SAME: MATCH 18 values
// RUN: %python -c "import numpy as np; a, b = np.load('%t/flat.npy'), np.load('%t/other.npy'); print('bits equal' if a.tobytes() == b.tobytes() else 'different')" | FileCheck %s --check-prefix=OTHER
// OTHER: different

// Keys: split(seed, 4) = [w1, w2, dropout, shuffle].
func.func @flat(%data: tensor<6x4xf32>, %seed: !nn.key) -> tensor<6x3xf32> {
  %keys = nn.rng.split %seed : !nn.key -> tensor<4x!nn.key>
  %k_w1 = nn.rng.key_at %keys[0] : tensor<4x!nn.key>
  %k_w2 = nn.rng.key_at %keys[1] : tensor<4x!nn.key>
  %k_drop = nn.rng.key_at %keys[2] : tensor<4x!nn.key>
  %k_shuffle = nn.rng.key_at %keys[3] : tensor<4x!nn.key>
  %w1 = nn.init glorot_uniform %k_w1 : tensor<4x8xf32>
  %b1 = nn.init zeros : tensor<8xf32>
  %w2 = nn.init he_normal %k_w2 : tensor<8x3xf32>
  %x = nn.rng.shuffle %data, %k_shuffle : tensor<6x4xf32>
  %h = nn.dense %x, %w1, %b1 : (tensor<6x4xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<6x8xf32>
  %a = nn.relu %h : tensor<6x8xf32>
  %d = nn.dropout %a, %k_drop rate = 0.5 : tensor<6x8xf32>
  %o = nn.dense %d, %w2 : (tensor<6x8xf32>, tensor<8x3xf32>) -> tensor<6x3xf32>
  return %o : tensor<6x3xf32>
}

// The same model, as "layers" built in another order (the second layer's
// parameters first, the data shuffled last), called from a driver.
func.func private @second_layer_params(%keys: tensor<4x!nn.key>) -> tensor<8x3xf32> {
  %k = nn.rng.key_at %keys[1] : tensor<4x!nn.key>
  %w2 = nn.init he_normal %k : tensor<8x3xf32>
  return %w2 : tensor<8x3xf32>
}
func.func private @first_layer(%x: tensor<6x4xf32>, %keys: tensor<4x!nn.key>) -> tensor<6x8xf32> {
  %k = nn.rng.key_at %keys[0] : tensor<4x!nn.key>
  %w1 = nn.init glorot_uniform %k : tensor<4x8xf32>
  %b1 = nn.init zeros : tensor<8xf32>
  %h = nn.dense %x, %w1, %b1 : (tensor<6x4xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<6x8xf32>
  %a = nn.relu %h : tensor<6x8xf32>
  return %a : tensor<6x8xf32>
}
func.func private @shuffle_data(%data: tensor<6x4xf32>, %keys: tensor<4x!nn.key>) -> tensor<6x4xf32> {
  %k = nn.rng.key_at %keys[3] : tensor<4x!nn.key>
  %x = nn.rng.shuffle %data, %k : tensor<6x4xf32>
  return %x : tensor<6x4xf32>
}
func.func @modular(%data: tensor<6x4xf32>, %seed: !nn.key) -> tensor<6x3xf32> {
  %keys = nn.rng.split %seed : !nn.key -> tensor<4x!nn.key>
  %w2 = func.call @second_layer_params(%keys) : (tensor<4x!nn.key>) -> tensor<8x3xf32>
  %k_drop = nn.rng.key_at %keys[2] : tensor<4x!nn.key>
  %x = func.call @shuffle_data(%data, %keys) : (tensor<6x4xf32>, tensor<4x!nn.key>) -> tensor<6x4xf32>
  %a = func.call @first_layer(%x, %keys) : (tensor<6x4xf32>, tensor<4x!nn.key>) -> tensor<6x8xf32>
  %d = nn.dropout %a, %k_drop rate = 0.5 : tensor<6x8xf32>
  %o = nn.dense %d, %w2 : (tensor<6x8xf32>, tensor<8x3xf32>) -> tensor<6x3xf32>
  return %o : tensor<6x3xf32>
}
