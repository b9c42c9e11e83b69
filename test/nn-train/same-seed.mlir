// The motivation's case 2 in training: one model written flat (the
// Sequential style) and as nested functions built in another order (the
// subclassed style), trained 3 epochs from one seed with weights from
// initializers, dropout and shuffling: the same loss curve and final params,
// bit for bit, also inlined, from the disk cache and on 1 or 2 threads; another
// seed differs. 44 examples in batches of 8: 6 steps, the last 4 real rows.
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: %python %S/Inputs/blobs_data.py %t/data.npz 44
// RUN: nn-train %s --loss=flat_loss --init=flat_init --data=@%t/data.npz --epochs=3 --seed=42 \
// RUN:   --optimizer=sgd --learning-rate=0.1 --momentum=0.9 --threads=1 --quiet \
// RUN:   --step-history=@%t/flat.csv --save-params=@%t/flat.npz --cache-stats | FileCheck %s --check-prefix=COLD
// COLD: cache: compiled=5 memory_hits=0 disk_hits=0

// The nested form, on 2 threads.
// RUN: nn-train %s --loss=nested_loss --init=nested_init --data=@%t/data.npz --epochs=3 --seed=42 \
// RUN:   --optimizer=sgd --learning-rate=0.1 --momentum=0.9 --threads=2 --quiet \
// RUN:   --step-history=@%t/nested.csv --save-params=@%t/nested.npz
// RUN: cmp %t/flat.csv %t/nested.csv
// RUN: %python %S/Inputs/same_arrays.py %t/flat.npz %t/nested.npz | FileCheck %s --check-prefix=SAME
// SAME: IDENTICAL 3 arrays

// The nested form inlined first.
// RUN: nn-opt %s --inline --symbol-dce -o %t/inlined.mlir
// RUN: nn-train %t/inlined.mlir --loss=nested_loss --init=nested_init --data=@%t/data.npz --epochs=3 --seed=42 \
// RUN:   --optimizer=sgd --learning-rate=0.1 --momentum=0.9 --quiet \
// RUN:   --step-history=@%t/inlined.csv --save-params=@%t/inlined.npz
// RUN: cmp %t/flat.csv %t/inlined.csv
// RUN: %python %S/Inputs/same_arrays.py %t/flat.npz %t/inlined.npz | FileCheck %s --check-prefix=SAME

// The nested form with the backward pass recomputing all but the matmul
// results (--remat=dots_saveable): the same bits, less kept.
// RUN: nn-train %s --loss=nested_loss --init=nested_init --data=@%t/data.npz --epochs=3 --seed=42 \
// RUN:   --optimizer=sgd --learning-rate=0.1 --momentum=0.9 --quiet --remat=dots_saveable \
// RUN:   --step-history=@%t/remat.csv --save-params=@%t/remat.npz
// RUN: cmp %t/flat.csv %t/remat.csv
// RUN: %python %S/Inputs/same_arrays.py %t/flat.npz %t/remat.npz | FileCheck %s --check-prefix=SAME

// The flat form again, its code from the disk cache.
// RUN: nn-train %s --loss=flat_loss --init=flat_init --data=@%t/data.npz --epochs=3 --seed=42 \
// RUN:   --optimizer=sgd --learning-rate=0.1 --momentum=0.9 --quiet \
// RUN:   --step-history=@%t/cached.csv --save-params=@%t/cached.npz --cache-stats | FileCheck %s --check-prefix=WARM
// WARM: cache: compiled=0 memory_hits=0 disk_hits=5
// RUN: cmp %t/flat.csv %t/cached.csv
// RUN: %python %S/Inputs/same_arrays.py %t/flat.npz %t/cached.npz | FileCheck %s --check-prefix=SAME

// Another seed: other weights, order and dropout.
// RUN: nn-train %s --loss=flat_loss --init=flat_init --data=@%t/data.npz --epochs=3 --seed=43 \
// RUN:   --optimizer=sgd --learning-rate=0.1 --momentum=0.9 --quiet \
// RUN:   --step-history=@%t/other.csv --save-params=@%t/other.npz
// RUN: not cmp -s %t/flat.csv %t/other.csv
// RUN: not %python %S/Inputs/same_arrays.py %t/flat.npz %t/other.npz | FileCheck %s --check-prefix=OTHER
// OTHER: DIFFERENT: w1

// Flat: keys split(key, 2) = [w1, w2].
func.func @flat_init(%key: !nn.key) -> (tensor<4x16xf32> {nn.name = "w1"}, tensor<16xf32> {nn.name = "b1"},
                                        tensor<16x3xf32> {nn.name = "w2"}) {
  %ks = nn.rng.split %key : !nn.key -> tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  %k2 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %w1 = nn.init glorot_uniform %k1 : tensor<4x16xf32>
  %b1 = nn.init zeros : tensor<16xf32>
  %w2 = nn.init he_normal %k2 : tensor<16x3xf32>
  return %w1, %b1, %w2 : tensor<4x16xf32>, tensor<16xf32>, tensor<16x3xf32>
}

func.func @flat_loss(%w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
                     %w2: tensor<16x3xf32> {nn.name = "w2"}, %x: tensor<8x4xf32> {nn.name = "x"},
                     %labels: tensor<8xi32> {nn.name = "labels"}, %real: tensor<8xi1>,
                     %key: !nn.key) -> tensor<f32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %a = nn.relu %h : tensor<8x16xf32>
  %d = nn.dropout %a, %key rate = 0.25 : tensor<8x16xf32>
  %o = nn.dense %d, %w2 : (tensor<8x16xf32>, tensor<16x3xf32>) -> tensor<8x3xf32>
  %l = nn.sparse_softmax_cross_entropy %o, %labels mask %real : (tensor<8x3xf32>, tensor<8xi32>, tensor<8xi1>) -> tensor<f32>
  return %l : tensor<f32>
}

// Nested: the same layers as functions, the second layer's parameters
// built first; arguments in another order.
func.func private @output_layer_params(%keys: tensor<2x!nn.key>) -> tensor<16x3xf32> {
  %k = nn.rng.key_at %keys[1] : tensor<2x!nn.key>
  %w2 = nn.init he_normal %k : tensor<16x3xf32>
  return %w2 : tensor<16x3xf32>
}
func.func private @hidden_layer_params(%keys: tensor<2x!nn.key>) -> (tensor<4x16xf32>, tensor<16xf32>) {
  %k = nn.rng.key_at %keys[0] : tensor<2x!nn.key>
  %w1 = nn.init glorot_uniform %k : tensor<4x16xf32>
  %b1 = nn.init zeros : tensor<16xf32>
  return %w1, %b1 : tensor<4x16xf32>, tensor<16xf32>
}
func.func @nested_init(%key: !nn.key) -> (tensor<16x3xf32> {nn.name = "w2"}, tensor<4x16xf32> {nn.name = "w1"},
                                          tensor<16xf32> {nn.name = "b1"}) {
  %ks = nn.rng.split %key : !nn.key -> tensor<2x!nn.key>
  %w2 = func.call @output_layer_params(%ks) : (tensor<2x!nn.key>) -> tensor<16x3xf32>
  %w1, %b1 = func.call @hidden_layer_params(%ks) : (tensor<2x!nn.key>) -> (tensor<4x16xf32>, tensor<16xf32>)
  return %w2, %w1, %b1 : tensor<16x3xf32>, tensor<4x16xf32>, tensor<16xf32>
}

func.func private @output_layer(%a: tensor<8x16xf32>, %w2: tensor<16x3xf32>, %key: !nn.key) -> tensor<8x3xf32> {
  %d = nn.dropout %a, %key rate = 0.25 : tensor<8x16xf32>
  %o = nn.dense %d, %w2 : (tensor<8x16xf32>, tensor<16x3xf32>) -> tensor<8x3xf32>
  return %o : tensor<8x3xf32>
}
func.func private @hidden_layer(%x: tensor<8x4xf32>, %w1: tensor<4x16xf32>, %b1: tensor<16xf32>) -> tensor<8x16xf32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %a = nn.relu %h : tensor<8x16xf32>
  return %a : tensor<8x16xf32>
}
func.func @nested_loss(%x: tensor<8x4xf32> {nn.name = "x"}, %key: !nn.key,
                       %w2: tensor<16x3xf32> {nn.name = "w2"}, %w1: tensor<4x16xf32> {nn.name = "w1"},
                       %b1: tensor<16xf32> {nn.name = "b1"}, %labels: tensor<8xi32> {nn.name = "labels"},
                       %real: tensor<8xi1>) -> tensor<f32> {
  %a = func.call @hidden_layer(%x, %w1, %b1) : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %o = func.call @output_layer(%a, %w2, %key) : (tensor<8x16xf32>, tensor<16x3xf32>, !nn.key) -> tensor<8x3xf32>
  %l = nn.sparse_softmax_cross_entropy %o, %labels mask %real : (tensor<8x3xf32>, tensor<8xi32>, tensor<8xi1>) -> tensor<f32>
  return %l : tensor<f32>
}
