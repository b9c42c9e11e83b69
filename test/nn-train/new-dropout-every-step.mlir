// The motivation's case 3 in training: every step draws a new dropout
// pattern from its own key (fold_in(dropout key, step)) with no recompile,
// and the same seed replays the run bit for bit. The 8 examples are
// identical and the learning rate is 0, so a step's loss can only differ
// from another's through its dropout pattern (64 units, rate 0.5).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.savez('%t/data.npz', x=np.tile(np.linspace(-1, 1, 4, dtype=np.float32), (8, 1)), labels=np.zeros(8, np.int32))"
// RUN: nn-train %s --init=init --data=@%t/data.npz --epochs=1 --seed=0 --optimizer=sgd --learning-rate=0 \
// RUN:   --quiet --no-cache --cache-stats | FileCheck %s --check-prefix=COMPILED
// RUN: nn-train %s --init=init --data=@%t/data.npz --epochs=12 --seed=0 --optimizer=sgd --learning-rate=0 \
// RUN:   --quiet --no-cache --cache-stats --step-history=@%t/run1.csv | FileCheck %s --check-prefix=COMPILED
// COMPILED: cache: compiled=5 memory_hits=0 disk_hits=0
// RUN: %python %S/Inputs/distinct_losses.py %t/run1.csv | FileCheck %s --check-prefix=DISTINCT
// DISTINCT: DISTINCT 12 steps
// RUN: nn-train %s --init=init --data=@%t/data.npz --epochs=12 --seed=0 --optimizer=sgd --learning-rate=0 \
// RUN:   --quiet --step-history=@%t/run2.csv
// RUN: cmp %t/run1.csv %t/run2.csv

func.func @init(%key: !nn.key) -> (tensor<4x64xf32> {nn.name = "w1"}, tensor<64x2xf32> {nn.name = "w2"}) {
  %ks = nn.rng.split %key : !nn.key -> tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  %k2 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %w1 = nn.init glorot_uniform %k1 : tensor<4x64xf32>
  %w2 = nn.init glorot_uniform %k2 : tensor<64x2xf32>
  return %w1, %w2 : tensor<4x64xf32>, tensor<64x2xf32>
}

func.func @loss(%w1: tensor<4x64xf32> {nn.name = "w1"}, %w2: tensor<64x2xf32> {nn.name = "w2"},
                %x: tensor<8x4xf32> {nn.name = "x"}, %labels: tensor<8xi32> {nn.name = "labels"},
                %key: !nn.key) -> tensor<f32> {
  %h = nn.dense %x, %w1 : (tensor<8x4xf32>, tensor<4x64xf32>) -> tensor<8x64xf32>
  %d = nn.dropout %h, %key rate = 0.5 : tensor<8x64xf32>
  %o = nn.dense %d, %w2 : (tensor<8x64xf32>, tensor<64x2xf32>) -> tensor<8x2xf32>
  %l = nn.sparse_softmax_cross_entropy %o, %labels : (tensor<8x2xf32>, tensor<8xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
