// nn-train-step's learning-rate schedules and global-norm clipping, one
// compiled step each, by hand. loss(w, b) = 3 w0 + 4 w1 + 12 b, so the
// gradient is g = (3, 4 | 12) whatever the parameters, and its global norm
// is sqrt(9 + 16 + 144) = 13. From w = (1, 2), b = 3, an SGD step with rate
// r gives w' = (1 - 3 r, 2 - 4 r), b' = 3 - 12 r. The schedule is evaluated
// at the count given as `step` (the updates already applied; Optax's count),
// and the step returns count + 1. Schedule formulas: Optax's
// (docs/Optimizers.md).

// Clipping to 6.5 = 13 / 2 halves g: (1.5, 2 | 6), w' = (0.85, 1.8), b' = 2.4.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 clip-global-norm=6.5})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 | FileCheck %s --check-prefix=HALF
// HALF:      result 0 (w): tensor<2xf32>
// HALF-NEXT: [0.85, 1.8]
// HALF-NEXT: result 1 (b): tensor<f32>
// HALF-NEXT: 2.4
// HALF-NEXT: result 2: tensor<f32>
// HALF-NEXT: 47

// A norm above 13 leaves g as it is (scaling by 26 / 13 = 2 would give
// w' = (0.4, 1.2)): r = 0.1 on (3, 4 | 12).
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 clip-global-norm=26})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 | FileCheck %s --check-prefix=FULL
// FULL:      [0.7, 1.6]
// FULL-NEXT: result 1 (b): tensor<f32>
// FULL-NEXT: 1.8

// cosine_decay over 10 steps from 0.1, at count 5: 0.1 * (1 + cos(pi / 2)) / 2
// = 0.05. SGD with a schedule keeps the count (argument 2, `step`).
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=cosine_decay decay-steps=10})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=5 | FileCheck %s --check-prefixes=R05,COUNT6
// R05:      result 0 (w): tensor<2xf32>
// R05-NEXT: [0.85, 1.8]
// R05-NEXT: result 1 (b): tensor<f32>
// R05-NEXT: 2.4
// COUNT6-NEXT: result 2 (step): tensor<i32>
// COUNT6-NEXT: 6

// With alpha = 0.2, past decay-steps (count 20) the rate stays at
// 0.1 * (0.8 * (1 + cos(pi)) / 2 + 0.2) = 0.02.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=cosine_decay decay-steps=10 alpha=0.2})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=20 | FileCheck %s --check-prefixes=R02,COUNT21
// R02:      result 0 (w): tensor<2xf32>
// R02-NEXT: [0.94, 1.92]
// R02-NEXT: result 1 (b): tensor<f32>
// R02-NEXT: 2.76
// COUNT21-NEXT: result 2 (step): tensor<i32>
// COUNT21-NEXT: 21

// exponential_decay by 0.5 every 3 steps, staircase, at count 8:
// 0.1 * 0.5^floor(8 / 3) = 0.025 (without staircase 0.1 * 0.5^(8/3) = 0.0157).
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=exponential_decay transition-steps=3 decay-rate=0.5 staircase=true})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=8 | FileCheck %s --check-prefix=R025
// Starting at count 3: the initial rate up to count 3, then at count 9,
// 0.1 * 0.5^((9 - 3) / 3) = 0.025.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=exponential_decay transition-steps=3 decay-rate=0.5 transition-begin=3})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=3 | FileCheck %s --check-prefix=R1
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=exponential_decay transition-steps=3 decay-rate=0.5 transition-begin=3})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=9 | FileCheck %s --check-prefix=R025
// With end-learning-rate = 0.05 the decay stops there: max(0.025, 0.05).
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=exponential_decay transition-steps=3 decay-rate=0.5 staircase=true end-learning-rate=0.05})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=8 | FileCheck %s --check-prefix=R05

// warmup_cosine_decay to a peak of 0.1 over 4 steps from 0, then down to
// 0.02 at step 14: count 0 gives 0 (nothing moves), count 1 gives 0.025,
// count 9 (5 of the 10 decay steps) 0.1 * (0.8 * (1 + cos(pi / 2)) / 2 + 0.2)
// = 0.06. From warmup-learning-rate = 0.02, count 2 gives 0.02 + 0.08 / 2 =
// 0.06.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=warmup_cosine_decay warmup-steps=4 decay-steps=14 end-learning-rate=0.02})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=0 | FileCheck %s --check-prefix=R0
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=warmup_cosine_decay warmup-steps=4 decay-steps=14 end-learning-rate=0.02})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=1 | FileCheck %s --check-prefix=R025
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=warmup_cosine_decay warmup-steps=4 decay-steps=14 end-learning-rate=0.02})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=9 | FileCheck %s --check-prefix=R06
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=warmup_cosine_decay warmup-steps=4 decay-steps=14 warmup-learning-rate=0.02 end-learning-rate=0.02})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=2 | FileCheck %s --check-prefix=R06

// linear from 0.1 to 0.02 over 8 steps after 2: count 6 gives
// 0.1 - 0.08 * (6 - 2) / 8 = 0.06, count 100 gives 0.02.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=linear end-learning-rate=0.02 transition-steps=8 transition-begin=2})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=6 | FileCheck %s --check-prefix=R06
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=linear end-learning-rate=0.02 transition-steps=8 transition-begin=2})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=100 | FileCheck %s --check-prefix=R02

// R0:       [1, 2]
// R0-NEXT:  result 1 (b): tensor<f32>
// R0-NEXT:  3
// R0-NEXT:  result 2 (step): tensor<i32>
// R0-NEXT:  1
// R1:       [0.7, 1.6]
// R1-NEXT:  result 1 (b): tensor<f32>
// R1-NEXT:  1.8
// R025:     [0.925, 1.9]
// R025-NEXT: result 1 (b): tensor<f32>
// R025-NEXT: 2.7
// R06:      [0.82, 1.76]
// R06-NEXT: result 1 (b): tensor<f32>
// R06-NEXT: 2.28

// The count stops at the largest i32 (Optax's safe_increment); there the
// cosine schedule is at its end, 0.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 schedule=cosine_decay decay-steps=10})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=i32=2147483647 | FileCheck %s --check-prefix=LAST
// LAST:      [1, 2]
// LAST:      result 2 (step): tensor<i32>
// LAST-NEXT: 2147483647

// Momentum buffers come before the count: from zero buffers, b' = g and the
// step is r g with r = 0.05 (cosine, count 5).
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 momentum=0.9 schedule=cosine_decay decay-steps=10})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=2xf32=0,0 --input=f32=0 --input=i32=5 | FileCheck %s --check-prefix=MOMENTUM
// MOMENTUM:      result 0 (w): tensor<2xf32>
// MOMENTUM-NEXT: [0.85, 1.8]
// MOMENTUM-NEXT: result 1 (b): tensor<f32>
// MOMENTUM-NEXT: 2.4
// MOMENTUM-NEXT: result 2 (w.momentum): tensor<2xf32>
// MOMENTUM-NEXT: [3, 4]
// MOMENTUM-NEXT: result 3 (b.momentum): tensor<f32>
// MOMENTUM-NEXT: 12
// MOMENTUM-NEXT: result 4 (step): tensor<i32>
// MOMENTUM-NEXT: 6

// Adam reads the schedule at its own count before the update: its first
// step (count 0, zero moments) moves each parameter by about the rate
// against the gradient's sign (docs/Optimizers.md), here the warmup's
// start 0.02 (at count 1 it would be 0.04).
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=adam learning-rate=0.1 schedule=warmup_cosine_decay warmup-steps=4 decay-steps=14 warmup-learning-rate=0.02})' \
// RUN:   --function=loss_train_step --input=2xf32=1,2 --input=f32=3 --input=2xf32=0,0 --input=f32=0 \
// RUN:   --input=2xf32=0,0 --input=f32=0 --input=i32=0 | FileCheck %s --check-prefix=ADAM
// ADAM:      result 0 (w): tensor<2xf32>
// ADAM-NEXT: [0.98, 1.98]
// ADAM-NEXT: result 1 (b): tensor<f32>
// ADAM-NEXT: 2.98
// ADAM:      result 6 (step): tensor<i32>
// ADAM-NEXT: 1

#v = affine_map<(d0) -> (d0)>
#s = affine_map<(d0) -> ()>
func.func @loss(%w: tensor<2xf32> {nn.name = "w"}, %b: tensor<f32> {nn.name = "b"}) -> tensor<f32> {
  %c = arith.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#v, #v, #s], iterator_types = ["reduction"]}
      ins(%w, %c : tensor<2xf32>, tensor<2xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%x: f32, %k: f32, %acc: f32):
    %p = arith.mulf %x, %k : f32
    %a = arith.addf %acc, %p : f32
    linalg.yield %a : f32
  } -> tensor<f32>
  %twelve = arith.constant dense<12.0> : tensor<f32>
  %t = arith.mulf %b, %twelve : tensor<f32>
  %l = arith.addf %s, %t : tensor<f32>
  return %l : tensor<f32>
}
