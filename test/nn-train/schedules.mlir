// Learning-rate schedules and global-norm clipping over 12 consecutive
// steps, against Optax's rules in NumPy float64 (Inputs/optax_reference.py,
// written from Optax's source: the schedule at the count before each update,
// clip_by_global_norm before the optimizer). A linear regression trained
// full-batch (16 examples, batch 16: one step per epoch), from the same
// initial params; after 12 steps the checkpoint's params and optimizer state
// (moments, momentum buffers, the count) are compared.
//
// Tolerance: max |got - want| <= 2e-6 max |want| per array, the count
// exactly. The float32 step rounds each update's few operations and the
// gradient's 16-term sums at 2^-24 relative; summed as a random walk over 12
// steps that is about sqrt(12 * 20) * 6e-8 = 1e-6 of the arrays' scale.
// Measured: at most 2.7e-7 (momentum buffers 5.8e-7 element-wise
// relative). The negative controls below (the schedule one count late, no
// clipping) differ by 5e-3 to 1e-1.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/linreg_data.py %t

// Adam, cosine_decay over 8 steps to alpha = 0.1 (steps 8-11 at the floor),
// clipped to a global norm of 7 (the first 5 steps: both branches run).
// RUN: nn-train %s --params=@%t/init.npz --data=@%t/data.npz --epochs=12 --quiet --checkpoint-dir=%t/a \
// RUN:   --optimizer=adam --learning-rate=0.1 --schedule=cosine_decay --decay-steps=8 --alpha=0.1 --clip-global-norm=7
// RUN: %python %S/Inputs/optax_reference.py %t/data.npz %t/init.npz 12 %t/a.npz \
// RUN:   --optimizer=adam --learning-rate=0.1 --schedule=cosine_decay --decay-steps=8 --alpha=0.1 --clip-global-norm=7 | FileCheck %s --check-prefix=CLIP5
// CLIP5: clipped 5 of 12 steps
// RUN: %python %S/Inputs/compare_state.py %t/a/epoch-12.npz %t/a.npz 2e-6 | FileCheck %s --check-prefix=ADAM
// ADAM: MATCH 7 arrays

// The same against a reference evaluating the schedule at count + 1 (the
// count after the update), and one without clipping: both differ.
// RUN: %python %S/Inputs/optax_reference.py %t/data.npz %t/init.npz 12 %t/late.npz --count-offset=1 \
// RUN:   --optimizer=adam --learning-rate=0.1 --schedule=cosine_decay --decay-steps=8 --alpha=0.1 --clip-global-norm=7
// RUN: not %python %S/Inputs/compare_state.py %t/a/epoch-12.npz %t/late.npz 2e-6 | FileCheck %s --check-prefix=DIFFERS
// RUN: %python %S/Inputs/optax_reference.py %t/data.npz %t/init.npz 12 %t/unclipped.npz --no-clip \
// RUN:   --optimizer=adam --learning-rate=0.1 --schedule=cosine_decay --decay-steps=8 --alpha=0.1 --clip-global-norm=7
// RUN: not %python %S/Inputs/compare_state.py %t/a/epoch-12.npz %t/unclipped.npz 2e-6 | FileCheck %s --check-prefix=DIFFERS
// DIFFERS: MISMATCH w:

// Resumed after 6 steps, the count comes back from the checkpoint: the
// same 12th step, bit for bit.
// RUN: nn-train %s --resume=@%t/a/epoch-6.npz --data=@%t/data.npz --epochs=12 --quiet --checkpoint-dir=%t/resumed \
// RUN:   --optimizer=adam --learning-rate=0.1 --schedule=cosine_decay --decay-steps=8 --alpha=0.1 --clip-global-norm=7
// RUN: %python %S/Inputs/same_arrays.py %t/a/epoch-12.npz %t/resumed/epoch-12.npz | FileCheck %s --check-prefix=SAME
// SAME: IDENTICAL 11 arrays

// AdamW (decay scaled by the scheduled rate, as in Optax's chain), warmup
// from 0 to 0.1 over 3 steps, cosine to 0.01 at step 10.
// RUN: nn-train %s --params=@%t/init.npz --data=@%t/data.npz --epochs=12 --quiet --checkpoint-dir=%t/b \
// RUN:   --optimizer=adamw --weight-decay=0.1 --learning-rate=0.1 --schedule=warmup_cosine_decay --warmup-steps=3 --decay-steps=10 --end-learning-rate=0.01
// RUN: %python %S/Inputs/optax_reference.py %t/data.npz %t/init.npz 12 %t/b.npz \
// RUN:   --optimizer=adamw --weight-decay=0.1 --learning-rate=0.1 --schedule=warmup_cosine_decay --warmup-steps=3 --decay-steps=10 --end-learning-rate=0.01
// RUN: %python %S/Inputs/compare_state.py %t/b/epoch-12.npz %t/b.npz 2e-6 | FileCheck %s --check-prefix=ADAM

// SGD with Nesterov momentum, staircase exponential decay (halved every 3
// steps after 2, bounded below by 0.02), clipped to 5: SGD keeps a count.
// RUN: nn-train %s --params=@%t/init.npz --data=@%t/data.npz --epochs=12 --quiet --checkpoint-dir=%t/c \
// RUN:   --optimizer=sgd --momentum=0.9 --nesterov --learning-rate=0.05 --schedule=exponential_decay --transition-steps=3 \
// RUN:   --decay-rate=0.5 --staircase --transition-begin=2 --end-learning-rate=0.02 --clip-global-norm=5
// RUN: %python %S/Inputs/optax_reference.py %t/data.npz %t/init.npz 12 %t/c.npz \
// RUN:   --optimizer=sgd --momentum=0.9 --nesterov --learning-rate=0.05 --schedule=exponential_decay --transition-steps=3 \
// RUN:   --decay-rate=0.5 --staircase --transition-begin=2 --end-learning-rate=0.02 --clip-global-norm=5 | FileCheck %s --check-prefix=CLIP4
// CLIP4: clipped 4 of 12 steps
// RUN: %python %S/Inputs/compare_state.py %t/c/epoch-12.npz %t/c.npz 2e-6 | FileCheck %s --check-prefix=MOMENTUM
// MOMENTUM: MATCH 5 arrays

// Plain SGD, linear from 0.05 to 0.005 over steps 3-9.
// RUN: nn-train %s --params=@%t/init.npz --data=@%t/data.npz --epochs=12 --quiet --checkpoint-dir=%t/d \
// RUN:   --optimizer=sgd --learning-rate=0.05 --schedule=linear --end-learning-rate=0.005 --transition-steps=6 --transition-begin=3
// RUN: %python %S/Inputs/optax_reference.py %t/data.npz %t/init.npz 12 %t/d.npz \
// RUN:   --optimizer=sgd --learning-rate=0.05 --schedule=linear --end-learning-rate=0.005 --transition-steps=6 --transition-begin=3
// RUN: %python %S/Inputs/compare_state.py %t/d/epoch-12.npz %t/d.npz 2e-6 | FileCheck %s --check-prefix=SGD
// SGD: MATCH 3 arrays

// Adam, continuous exponential decay by 0.7 every 4 steps.
// RUN: nn-train %s --params=@%t/init.npz --data=@%t/data.npz --epochs=12 --quiet --checkpoint-dir=%t/e \
// RUN:   --optimizer=adam --learning-rate=0.1 --schedule=exponential_decay --transition-steps=4 --decay-rate=0.7
// RUN: %python %S/Inputs/optax_reference.py %t/data.npz %t/init.npz 12 %t/e.npz \
// RUN:   --optimizer=adam --learning-rate=0.1 --schedule=exponential_decay --transition-steps=4 --decay-rate=0.7
// RUN: %python %S/Inputs/compare_state.py %t/e/epoch-12.npz %t/e.npz 2e-6 | FileCheck %s --check-prefix=ADAM

func.func @loss(%w: tensor<4x3xf32> {nn.name = "w"}, %b: tensor<3xf32> {nn.name = "b"},
                %x: tensor<16x4xf32> {nn.name = "x"}, %y: tensor<16x3xf32> {nn.name = "y"}) -> tensor<f32> {
  %o = nn.dense %x, %w, %b : (tensor<16x4xf32>, tensor<4x3xf32>, tensor<3xf32>) -> tensor<16x3xf32>
  %l = nn.mean_squared_error %o, %y : (tensor<16x3xf32>, tensor<16x3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
