// Checkpoint and resume: a run of 3 epochs (Adam, dropout, shuffling) and a
// run resumed from the first epoch's checkpoint end with bit-identical
// params, and the resumed run's steps are the uninterrupted run's steps 6-17.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/blobs_data.py %t/data.npz 44
// RUN: nn-train %s --init=init --data=@%t/data.npz --epochs=3 --seed=5 --quiet \
// RUN:   --checkpoint-dir=%t/ckpt --step-history=@%t/full.csv --save-params=@%t/full.npz
// RUN: ls %t/ckpt | FileCheck %s --check-prefix=FILES
// FILES:      epoch-1.npz
// FILES-NEXT: epoch-2.npz
// FILES-NEXT: epoch-3.npz
// RUN: %python -c "import numpy as np; c = np.load('%t/ckpt/epoch-1.npz'); print(sorted(c.files)); print(int(c['trainer/epoch']), int(c['trainer/step']), int(c['trainer/seed']))" \
// RUN:   | FileCheck %s --check-prefix=CONTENT
// CONTENT:      ['param/b1', 'param/w1', 'param/w2', 'state/b1.m', 'state/b1.v', 'state/step', 'state/w1.m', 'state/w1.v', 'state/w2.m', 'state/w2.v', 'trainer/epoch', 'trainer/seed', 'trainer/step', 'trainer/train_step']
// CONTENT-NEXT: 1 6 5
// RUN: nn-train %s --resume=@%t/ckpt/epoch-1.npz --data=@%t/data.npz --epochs=3 --seed=5 --quiet \
// RUN:   --step-history=@%t/resumed.csv --save-params=@%t/resumed.npz
// RUN: %python %S/Inputs/same_arrays.py %t/full.npz %t/resumed.npz | FileCheck %s --check-prefix=SAME
// SAME: IDENTICAL 3 arrays
// RUN: tail -n 12 %t/full.csv > %t/full_tail.csv
// RUN: tail -n 12 %t/resumed.csv > %t/resumed_tail.csv
// RUN: cmp %t/full_tail.csv %t/resumed_tail.csv
// RUN: head -n 2 %t/resumed.csv | FileCheck %s --check-prefix=FIRST
// FIRST:      epoch,step,loss
// FIRST-NEXT: 1,6,

// The checkpoint belongs to seed 5; another seed is an error.
// RUN: not nn-train %s --resume=@%t/ckpt/epoch-1.npz --data=@%t/data.npz --epochs=3 --seed=6 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SEED
// SEED: error: checkpoint '{{.*}}epoch-1.npz' continues a run with seed 5, not 6: give --seed=5
// The checkpoint says how it was trained (Adam, lr 0.001); another learning
// rate is an error, not a silent change of the run.
// RUN: not nn-train %s --resume=@%t/ckpt/epoch-1.npz --data=@%t/data.npz --epochs=3 --seed=5 --learning-rate=0.01 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CONFIG
// CONFIG: error: checkpoint '{{.*}}epoch-1.npz' was trained with nn-train-step{function=loss {{.*}}learning-rate=1.000000000e-03{{.*}}}, this run asks for nn-train-step{function=loss {{.*}}learning-rate=1.000000000e-02{{.*}}}: give the same optimizer, learning rate, schedule and clipping
// A finished run has nothing to train.
// RUN: not nn-train %s --resume=@%t/ckpt/epoch-3.npz --data=@%t/data.npz --epochs=3 --seed=5 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DONE
// DONE: error: the run already has 3 epochs; --epochs=3 trains none

func.func @init(%key: !nn.key) -> (tensor<4x16xf32> {nn.name = "w1"}, tensor<16xf32> {nn.name = "b1"},
                                   tensor<16x3xf32> {nn.name = "w2"}) {
  %ks = nn.rng.split %key : !nn.key -> tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  %k2 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %w1 = nn.init glorot_uniform %k1 : tensor<4x16xf32>
  %b1 = nn.init zeros : tensor<16xf32>
  %w2 = nn.init he_normal %k2 : tensor<16x3xf32>
  return %w1, %b1, %w2 : tensor<4x16xf32>, tensor<16xf32>, tensor<16x3xf32>
}

func.func @loss(%w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
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
