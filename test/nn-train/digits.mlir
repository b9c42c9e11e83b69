// nn-train learns sklearn's 8x8 digits (Debian's python3-sklearn; a fixed
// stratified 80/20 split, Inputs/digits_data.py): an MLP 64 -> 128 -> 10 with
// Adam, batches of 32 (1437 training examples: 45 steps, the last one 29
// real rows, padded and masked through %real).
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: %python %S/Inputs/digits_data.py %t

// 100 steps against the same training in PyTorch (torch.optim.Adam, the
// same initial weights and, from an independent NumPy threefry, the same
// batch order): |loss difference| <= 1e-4 max(1, |loss|) at every step.
// RUN: %python %S/Inputs/torch_digits.py %t 0 100 32 0.001 %t/torch.csv
// RUN: nn-train %s --params=@%t/init.npz --data=@%t/train.npz --epochs=3 --seed=0 --quiet \
// RUN:   --step-history=@%t/steps.csv --cache-stats | FileCheck %s --check-prefix=ONCE
// RUN: head -n 101 %t/steps.csv > %t/steps100.csv
// RUN: %python %S/Inputs/compare_history.py %t/steps100.csv %t/torch.csv 1e-4 | FileCheck %s --check-prefix=TORCH
// TORCH: MATCH 100 steps
// Compiled once for the whole run: the train step and the three key
// schedule functions (no validation, no init function here).
// ONCE: cache: compiled=4 memory_hits=0 disk_hits=0

// Weights from the model's own initializers, 15 epochs: >= 95% accuracy on
// the held-out split for each of the seeds 0-4.
// RUN: nn-train %s --init=init --data=@%t/train.npz --validation-data=@%t/test.npz --epochs=15 \
// RUN:   --learning-rate=0.003 --seed=0 --history=@%t/h0.csv | FileCheck %s --check-prefix=PROGRESS
// RUN: %python %S/Inputs/check_accuracy.py %t/h0.csv 0.95 | FileCheck %s --check-prefix=ACC
// RUN: nn-train %s --init=init --data=@%t/train.npz --validation-data=@%t/test.npz --epochs=15 \
// RUN:   --learning-rate=0.003 --seed=1 --quiet --history=@%t/h1.csv
// RUN: %python %S/Inputs/check_accuracy.py %t/h1.csv 0.95 | FileCheck %s --check-prefix=ACC
// RUN: nn-train %s --init=init --data=@%t/train.npz --validation-data=@%t/test.npz --epochs=15 \
// RUN:   --learning-rate=0.003 --seed=2 --quiet --history=@%t/h2.csv
// RUN: %python %S/Inputs/check_accuracy.py %t/h2.csv 0.95 | FileCheck %s --check-prefix=ACC
// RUN: nn-train %s --init=init --data=@%t/train.npz --validation-data=@%t/test.npz --epochs=15 \
// RUN:   --learning-rate=0.003 --seed=3 --quiet --history=@%t/h3.csv
// RUN: %python %S/Inputs/check_accuracy.py %t/h3.csv 0.95 | FileCheck %s --check-prefix=ACC
// RUN: nn-train %s --init=init --data=@%t/train.npz --validation-data=@%t/test.npz --epochs=15 \
// RUN:   --learning-rate=0.003 --seed=4 --quiet --history=@%t/h4.csv
// RUN: %python %S/Inputs/check_accuracy.py %t/h4.csv 0.95 | FileCheck %s --check-prefix=ACC
// ACC: ACCURACY OK
// PROGRESS:      Epoch 1/15: 45/45 steps - loss: {{[0-9.]+}} - val_loss: {{[0-9.]+}} - val_accuracy: {{[0-9.]+}} - {{[0-9.]+}}s ({{[0-9]+}} steps/s)
// PROGRESS:      Epoch 15/15: 45/45 steps
// PROGRESS-NOT:  Epoch

func.func @init(%key: !nn.key) -> (tensor<64x128xf32> {nn.name = "w1"}, tensor<128xf32> {nn.name = "b1"},
                                   tensor<128x10xf32> {nn.name = "w2"}, tensor<10xf32> {nn.name = "b2"}) {
  %ks = nn.rng.split %key : !nn.key -> tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  %k2 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %w1 = nn.init glorot_uniform %k1 : tensor<64x128xf32>
  %b1 = nn.init zeros : tensor<128xf32>
  %w2 = nn.init glorot_uniform %k2 : tensor<128x10xf32>
  %b2 = nn.init zeros : tensor<10xf32>
  return %w1, %b1, %w2, %b2 : tensor<64x128xf32>, tensor<128xf32>, tensor<128x10xf32>, tensor<10xf32>
}

func.func @loss(%w1: tensor<64x128xf32> {nn.name = "w1"}, %b1: tensor<128xf32> {nn.name = "b1"},
                %w2: tensor<128x10xf32> {nn.name = "w2"}, %b2: tensor<10xf32> {nn.name = "b2"},
                %x: tensor<32x64xf32> {nn.name = "x"}, %labels: tensor<32xi32> {nn.name = "labels"},
                %real: tensor<32xi1>) -> (tensor<f32>, tensor<32x10xf32>) {
  %h = nn.dense %x, %w1, %b1 : (tensor<32x64xf32>, tensor<64x128xf32>, tensor<128xf32>) -> tensor<32x128xf32>
  %a = nn.relu %h : tensor<32x128xf32>
  %o = nn.dense %a, %w2, %b2 : (tensor<32x128xf32>, tensor<128x10xf32>, tensor<10xf32>) -> tensor<32x10xf32>
  %l = nn.sparse_softmax_cross_entropy %o, %labels mask %real : (tensor<32x10xf32>, tensor<32xi32>, tensor<32xi1>) -> tensor<f32>
  return %l, %o : tensor<f32>, tensor<32x10xf32>
}
