// nn-train with a cosine learning-rate schedule and global-norm clipping
// against PyTorch (Inputs/torch_blobs_schedule.py: torch.optim.Adam with
// the schedule through torch.optim.lr_scheduler.LambdaLR, stepped after
// each update, so step n uses the rate at count n as in Optax; clipping
// written from optax.clip_by_global_norm), on the same initial weights and,
// from the independent NumPy threefry of Inputs/key_schedule.py, the same
// batch order. 44 blobs examples in batches of 8 (6 steps an epoch, the last
// 4 real rows, masked): 24 steps, cosine_decay over 20 of them to alpha =
// 0.1, clipped to a global norm of 0.5 (7 of the 24 steps).
//
// Tolerance: the two float32 computations differ in summation order only
// (a few units of 2^-24 per step); losses (below 1) agree to 1e-6
// absolute, about 8 ulps at 1 (measured 9e-8), and the final params
// (|w| <= 1.3) to 1e-6 (measured 2.4e-7). A reference one count late, one
// without clipping and one at alpha = 0 differ by 9e-3 or more.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/blobs_data.py %t/data.npz 44
// RUN: %python -c "import numpy as np; r = np.random.default_rng(11); np.savez('%t/init.npz', w1=r.normal(0, 0.5, (4, 16)).astype(np.float32), b1=r.normal(0, 0.1, 16).astype(np.float32), w2=r.normal(0, 0.5, (16, 3)).astype(np.float32), b2=np.zeros(3, np.float32))"
// RUN: nn-train %s --params=@%t/init.npz --data=@%t/data.npz --epochs=4 --seed=5 --quiet \
// RUN:   --optimizer=adam --learning-rate=0.05 --schedule=cosine_decay --decay-steps=20 --alpha=0.1 --clip-global-norm=0.5 \
// RUN:   --step-history=@%t/steps.csv --save-params=@%t/params.npz
// RUN: %python %S/Inputs/torch_blobs_schedule.py %t/data.npz %t/init.npz 5 24 8 0.05 20 0.1 0.5 0 %t/torch.csv %t/torch.npz | FileCheck %s --check-prefix=CLIPPED
// CLIPPED: clipped 7 of 24 steps
// RUN: %python %S/Inputs/compare_history.py %t/steps.csv %t/torch.csv 1e-6 | FileCheck %s --check-prefix=LOSS
// LOSS: MATCH 24 steps
// RUN: %python %S/../nn-jit/Inputs/compare_npy.py %t/params.npz:w1 %t/torch.npz:w1 0 1e-6 | FileCheck %s --check-prefix=W1
// RUN: %python %S/../nn-jit/Inputs/compare_npy.py %t/params.npz:b1 %t/torch.npz:b1 0 1e-6 | FileCheck %s --check-prefix=B1
// RUN: %python %S/../nn-jit/Inputs/compare_npy.py %t/params.npz:w2 %t/torch.npz:w2 0 1e-6 | FileCheck %s --check-prefix=W2
// RUN: %python %S/../nn-jit/Inputs/compare_npy.py %t/params.npz:b2 %t/torch.npz:b2 0 1e-6 | FileCheck %s --check-prefix=B2
// W1: MATCH 64 values
// B1: MATCH 16 values
// W2: MATCH 48 values
// B2: MATCH 3 values

// Negative controls: the schedule one count late, no clipping, alpha = 0.
// RUN: %python %S/Inputs/torch_blobs_schedule.py %t/data.npz %t/init.npz 5 24 8 0.05 20 0.1 0.5 1 %t/late.csv %t/late.npz
// RUN: not %python %S/Inputs/compare_history.py %t/steps.csv %t/late.csv 1e-6 | FileCheck %s --check-prefix=DIFFERS
// RUN: %python %S/Inputs/torch_blobs_schedule.py %t/data.npz %t/init.npz 5 24 8 0.05 20 0.1 0 0 %t/unclipped.csv %t/unclipped.npz
// RUN: not %python %S/Inputs/compare_history.py %t/steps.csv %t/unclipped.csv 1e-6 | FileCheck %s --check-prefix=DIFFERS
// RUN: %python %S/Inputs/torch_blobs_schedule.py %t/data.npz %t/init.npz 5 24 8 0.05 20 0.0 0.5 0 %t/alpha0.csv %t/alpha0.npz
// RUN: not %python %S/Inputs/compare_history.py %t/steps.csv %t/alpha0.csv 1e-6 | FileCheck %s --check-prefix=DIFFERS
// DIFFERS: MISMATCH step

func.func @loss(%w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
                %w2: tensor<16x3xf32> {nn.name = "w2"}, %b2: tensor<3xf32> {nn.name = "b2"},
                %x: tensor<8x4xf32> {nn.name = "x"}, %labels: tensor<8xi32> {nn.name = "labels"},
                %real: tensor<8xi1>) -> tensor<f32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %a = nn.relu %h : tensor<8x16xf32>
  %o = nn.dense %a, %w2, %b2 : (tensor<8x16xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<8x3xf32>
  %l = nn.sparse_softmax_cross_entropy %o, %labels mask %real : (tensor<8x3xf32>, tensor<8xi32>, tensor<8xi1>) -> tensor<f32>
  return %l : tensor<f32>
}
