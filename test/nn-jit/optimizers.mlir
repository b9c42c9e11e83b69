// The optimizer updates against NumPy float64 implementations of the
// libraries' published rules (Inputs/optimizers_reference.py: PyTorch's,
// Keras 3's and Optax's, the last checked there to agree with PyTorch's),
// three updates in a row with a learning rate that changes every step, from
// a fresh state (zeros, step 0) and from one of the middle of training.
// Tolerance |d| <= 1e-6 |ref| + atol, atol about 1e-6 times the array's
// magnitude: parameters and buffers (up to 7) 2e-6, first moments (0.01)
// 1e-8, second moments (1e-4) 1e-12; the step count exactly. Then a first Adam step, SGD with Nesterov, the count's saturation
// and a new learning rate without recompiling, by hand.
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: %python %S/Inputs/optimizers_reference.py %t
// ALL: MATCH 185 values
// ONE: MATCH 1 values

// Plain SGD (PyTorch, Optax).
// RUN: nn-jit %s --function=sgd --params=@%t/sgd_in.npz --output=@%t/sgd.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/sgd.npz:p %t/sgd_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// Momentum and Nesterov (PyTorch, dampening 0; Optax's trace): from the
// first step, where PyTorch's buffer is the gradient (= zeros updated),
// and from a buffer of earlier steps.

// RUN: nn-jit %s --function=momentum --params=@%t/momentum_start_in.npz --output=@%t/momentum_start.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_start.npz:p %t/momentum_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_start.npz:b %t/momentum_start_want.npz:b 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// RUN: nn-jit %s --function=momentum --params=@%t/momentum_mid_in.npz --output=@%t/momentum_mid.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_mid.npz:p %t/momentum_mid_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_mid.npz:b %t/momentum_mid_want.npz:b 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// RUN: nn-jit %s --function=nesterov --params=@%t/nesterov_start_in.npz --output=@%t/nesterov_start.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_start.npz:p %t/nesterov_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_start.npz:b %t/nesterov_start_want.npz:b 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// RUN: nn-jit %s --function=nesterov --params=@%t/nesterov_mid_in.npz --output=@%t/nesterov_mid.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_mid.npz:p %t/nesterov_mid_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_mid.npz:b %t/nesterov_mid_want.npz:b 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// Keras 3's SGD: the buffer is the velocity.

// RUN: nn-jit %s --function=momentum_keras --params=@%t/momentum_keras_start_in.npz --output=@%t/momentum_keras_start.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_keras_start.npz:p %t/momentum_keras_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_keras_start.npz:b %t/momentum_keras_start_want.npz:b 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// RUN: nn-jit %s --function=momentum_keras --params=@%t/momentum_keras_mid_in.npz --output=@%t/momentum_keras_mid.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_keras_mid.npz:p %t/momentum_keras_mid_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_keras_mid.npz:b %t/momentum_keras_mid_want.npz:b 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// RUN: nn-jit %s --function=nesterov_keras --params=@%t/nesterov_keras_start_in.npz --output=@%t/nesterov_keras_start.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_keras_start.npz:p %t/nesterov_keras_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_keras_start.npz:b %t/nesterov_keras_start_want.npz:b 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// RUN: nn-jit %s --function=nesterov_keras --params=@%t/nesterov_keras_mid_in.npz --output=@%t/nesterov_keras_mid.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_keras_mid.npz:p %t/nesterov_keras_mid_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_keras_mid.npz:b %t/nesterov_keras_mid_want.npz:b 1e-6 2e-6 | FileCheck %s --check-prefix=ALL

// Under a constant learning rate Keras' SGD gives PyTorch's parameters;
// under the schedule it does not (the velocity keeps the old rates), by
// more than the tolerance.
// RUN: nn-jit %s --function=momentum_keras --params=@%t/momentum_keras_constant_lr_in.npz --output=@%t/momentum_keras_constant_lr.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/momentum_keras_constant_lr.npz:p %t/momentum_keras_constant_lr_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: not %python %S/Inputs/compare_npy.py %t/momentum_keras_start.npz:p %t/momentum_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=DIFFERS
// RUN: nn-jit %s --function=nesterov_keras --params=@%t/nesterov_keras_constant_lr_in.npz --output=@%t/nesterov_keras_constant_lr.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/nesterov_keras_constant_lr.npz:p %t/nesterov_keras_constant_lr_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: not %python %S/Inputs/compare_npy.py %t/nesterov_keras_start.npz:p %t/nesterov_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=DIFFERS
// DIFFERS: MISMATCH

// Adam (PyTorch, Optax; epsilon 1e-4 against gradients of 0.01, so that it
// matters) and Keras' placement of epsilon, which differs by more than the
// tolerance.

// RUN: nn-jit %s --function=adam --params=@%t/adam_start_in.npz --output=@%t/adam_start.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adam_start.npz:p %t/adam_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_start.npz:m %t/adam_start_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_start.npz:v %t/adam_start_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_start.npz:step %t/adam_start_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE

// RUN: nn-jit %s --function=adam --params=@%t/adam_mid_in.npz --output=@%t/adam_mid.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adam_mid.npz:p %t/adam_mid_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_mid.npz:m %t/adam_mid_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_mid.npz:v %t/adam_mid_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_mid.npz:step %t/adam_mid_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE

// RUN: nn-jit %s --function=adam_keras --params=@%t/adam_keras_start_in.npz --output=@%t/adam_keras_start.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adam_keras_start.npz:p %t/adam_keras_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_keras_start.npz:m %t/adam_keras_start_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_keras_start.npz:v %t/adam_keras_start_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_keras_start.npz:step %t/adam_keras_start_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE

// RUN: nn-jit %s --function=adam_keras --params=@%t/adam_keras_mid_in.npz --output=@%t/adam_keras_mid.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adam_keras_mid.npz:p %t/adam_keras_mid_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_keras_mid.npz:m %t/adam_keras_mid_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_keras_mid.npz:v %t/adam_keras_mid_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adam_keras_mid.npz:step %t/adam_keras_mid_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE

// RUN: not %python %S/Inputs/compare_npy.py %t/adam_keras_start.npz:p %t/adam_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=DIFFERS

// AdamW (PyTorch; Optax's adamw), beta1 0.8, beta2 0.95, weight decay 0.1,
// and Keras'.

// RUN: nn-jit %s --function=adamw --params=@%t/adamw_start_in.npz --output=@%t/adamw_start.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_start.npz:p %t/adamw_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_start.npz:m %t/adamw_start_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_start.npz:v %t/adamw_start_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_start.npz:step %t/adamw_start_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE

// RUN: nn-jit %s --function=adamw --params=@%t/adamw_mid_in.npz --output=@%t/adamw_mid.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_mid.npz:p %t/adamw_mid_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_mid.npz:m %t/adamw_mid_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_mid.npz:v %t/adamw_mid_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_mid.npz:step %t/adamw_mid_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE

// RUN: nn-jit %s --function=adamw_keras --params=@%t/adamw_keras_start_in.npz --output=@%t/adamw_keras_start.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_keras_start.npz:p %t/adamw_keras_start_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_keras_start.npz:m %t/adamw_keras_start_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_keras_start.npz:v %t/adamw_keras_start_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_keras_start.npz:step %t/adamw_keras_start_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE

// RUN: nn-jit %s --function=adamw_keras --params=@%t/adamw_keras_mid_in.npz --output=@%t/adamw_keras_mid.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_keras_mid.npz:p %t/adamw_keras_mid_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_keras_mid.npz:m %t/adamw_keras_mid_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_keras_mid.npz:v %t/adamw_keras_mid_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=ALL
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_keras_mid.npz:step %t/adamw_keras_mid_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE

// One step on a 1024 x 1024 parameter (threads, streamed stores).
// RUN: nn-jit %s --function=adam_big --params=@%t/adam_big_in.npz --output=@%t/adam_big.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adam_big.npz:p %t/adam_big_want.npz:p 1e-6 2e-6 | FileCheck %s --check-prefix=BIG
// RUN: %python %S/Inputs/compare_npy.py %t/adam_big.npz:m %t/adam_big_want.npz:m 1e-6 1e-8 | FileCheck %s --check-prefix=BIG
// RUN: %python %S/Inputs/compare_npy.py %t/adam_big.npz:v %t/adam_big_want.npz:v 1e-6 1e-12 | FileCheck %s --check-prefix=BIG
// RUN: %python %S/Inputs/compare_npy.py %t/adam_big.npz:step %t/adam_big_want.npz:step 0 0 | FileCheck %s --check-prefix=ONE
// BIG: MATCH 1048576 values

// The first Adam step by hand: m = (1 - b1) g, v = (1 - b2) g^2, the bias
// corrections give mhat = g and vhat = g^2, so p - lr g / (|g| + eps),
// about p - lr sign(g) (0 where g is 0); the count becomes 1.
// RUN: nn-jit %s --function=adam_first --input=4xf32=1,1,1,1 --input=4xf32=0.5,-2,0,4 \
// RUN:   --input=4xf32=0,0,0,0 --input=4xf32=0,0,0,0 --input=i32=0 --input=f32=0.1 | FileCheck %s --check-prefix=FIRST
// FIRST:      result 0: tensor<4xf32>
// FIRST-NEXT: [0.9, 1.1, 1, 0.9]
// FIRST-NEXT: result 1: tensor<4xf32>
// FIRST-NEXT: [0.05, -0.2, 0, 0.4]
// FIRST-NEXT: result 2: tensor<4xf32>
// FIRST-NEXT: [0.00025, 0.004, 0, 0.016]
// FIRST-NEXT: result 3: tensor<i32>
// FIRST-NEXT: 1

// Where epsilon sits, by hand, with b2 = 0.75 (sqrt(1 - b2) = 0.5) and
// epsilon = 0.25: PyTorch / Optax p - lr g / (|g| + 0.25); Keras adds
// epsilon to the uncorrected sqrt(v) = 0.5 |g|, which is
// p - lr g / (|g| + 0.5): 1 - 0.05 / 0.75, 1 + 0.2 / 2.25, 1 - 0.4 / 4.25
// against 1 - 0.05 / 1, 1 + 0.2 / 2.5, 1 - 0.4 / 4.5. AdamW with a weight
// decay of 0 (result 1) is Adam (result 0); v = 0.25 g^2.
// RUN: nn-jit %s --function=adam_first_eps --input=4xf32=1,1,1,1 --input=4xf32=0.5,-2,0,4 \
// RUN:   --input=4xf32=0,0,0,0 --input=4xf32=0,0,0,0 --input=i32=0 --input=f32=0.1 | FileCheck %s --check-prefix=EPS
// EPS:      result 0: tensor<4xf32>
// EPS-NEXT: [0.9333333, 1.088889, 1, 0.9058824]
// EPS-NEXT: result 1: tensor<4xf32>
// EPS-NEXT: [0.9333333, 1.088889, 1, 0.9058824]
// EPS-NEXT: result 2: tensor<4xf32>
// EPS-NEXT: [0.95, 1.08, 1, 0.9111111]
// EPS-NEXT: result 3: tensor<4xf32>
// EPS-NEXT: [0.0625, 1, 0, 4]

// The count saturates: at the i32 maximum it stays, and the bias
// corrections are 1 (b^t = 0), so p - lr m / sqrt(v) = p - 0.1 * 0.1 g /
// (sqrt(0.001) |g|) = p - 0.3162278 sign(g) (to 6 digits: f32 rounding shows
// in the 7th). Below the maximum it counts on.
// RUN: nn-jit %s --function=adam_first --input=4xf32=1,1,1,1 --input=4xf32=0.5,-2,0,4 \
// RUN:   --input=4xf32=0,0,0,0 --input=4xf32=0,0,0,0 --input=i32=2147483647 --input=f32=0.1 \
// RUN:   --input=4xf32=1,1,1,1 --input=4xf32=0.5,-2,0,4 \
// RUN:   --input=4xf32=0,0,0,0 --input=4xf32=0,0,0,0 --input=i32=2147483646 --input=f32=0.1 | FileCheck %s --check-prefix=SATURATE
// SATURATE:      result 0: tensor<4xf32>
// SATURATE-NEXT: [0.683772{{[0-9]}}, 1.31622{{[0-9]}}, 1, 0.683772{{[0-9]}}]
// SATURATE:      result 3: tensor<i32>
// SATURATE-NEXT: 2147483647
// SATURATE:      result 3: tensor<i32>
// SATURATE-NEXT: 2147483647
// RUN: nn-jit %s --function=adam_i64 --input=4xf32=1,1,1,1 --input=4xf32=0.5,-2,0,4 \
// RUN:   --input=i64=9223372036854775807 --input=f32=0.1 | FileCheck %s --check-prefix=SATURATE64
// SATURATE64:      result 0: tensor<4xf32>
// SATURATE64-NEXT: [0.683772{{[0-9]}}, 1.31622{{[0-9]}}, 1, 0.683772{{[0-9]}}]
// SATURATE64-NEXT: result 1: tensor<i64>
// SATURATE64-NEXT: 9223372036854775807

// A new learning rate is a new input, not a new function: two calls, one
// compilation, the second step twice as long.
// RUN: nn-jit %s --function=adam_first --no-cache --cache-stats --input=4xf32=1,1,1,1 --input=4xf32=0.5,-2,0,4 \
// RUN:   --input=4xf32=0,0,0,0 --input=4xf32=0,0,0,0 --input=i32=0 --input=f32=0.1 \
// RUN:   --input=4xf32=1,1,1,1 --input=4xf32=0.5,-2,0,4 \
// RUN:   --input=4xf32=0,0,0,0 --input=4xf32=0,0,0,0 --input=i32=0 --input=f32=0.2 | FileCheck %s --check-prefix=NEW_LR
// NEW_LR:      result 0: tensor<4xf32>
// NEW_LR-NEXT: [0.9, 1.1, 1, 0.9]
// NEW_LR:      result 0: tensor<4xf32>
// NEW_LR-NEXT: [0.8, 1.2, 1, 0.8]
// NEW_LR:      cache: compiled=1 memory_hits=0 disk_hits=0

// SGD with Nesterov from a zero buffer, by hand (mu 0.9, lr 0.1): PyTorch's
// buffer is g, the direction g + 0.9 g = 1.9 g, so p - 0.19 g; Keras'
// velocity is -0.1 g and the step 0.9 (-0.1 g) - 0.1 g = -0.19 g: the same
// parameters.
// RUN: nn-jit %s --function=nesterov_first --input=2xf32=1,1 --input=2xf32=0.5,-2 --input=2xf32=0,0 \
// RUN:   --input=f32=0.1 | FileCheck %s --check-prefix=NESTEROV
// NESTEROV:      result 0: tensor<2xf32>
// NESTEROV-NEXT: [0.905, 1.38]
// NESTEROV-NEXT: result 1: tensor<2xf32>
// NESTEROV-NEXT: [0.5, -2]
// NESTEROV-NEXT: result 2: tensor<2xf32>
// NESTEROV-NEXT: [0.905, 1.38]
// NESTEROV-NEXT: result 3: tensor<2xf32>
// NESTEROV-NEXT: [-0.05, 0.2]

func.func @sgd(%p: tensor<5x37xf32> {nn.name = "p"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}) {
  %p1 = nn.sgd_update %p, %g1 lr %lr1 : tensor<5x37xf32>
  %p2 = nn.sgd_update %p1, %g2 lr %lr2 : tensor<5x37xf32>
  %p3 = nn.sgd_update %p2, %g3 lr %lr3 : tensor<5x37xf32>
  return %p3 : tensor<5x37xf32>
}

func.func @momentum(%p: tensor<5x37xf32> {nn.name = "p"}, %b: tensor<5x37xf32> {nn.name = "b"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}, tensor<5x37xf32> {nn.name = "b"}) {
  %p1, %b1 = nn.sgd_update %p, %g1 buffer %b lr %lr1 momentum = 0.9 : tensor<5x37xf32>
  %p2, %b2 = nn.sgd_update %p1, %g2 buffer %b1 lr %lr2 momentum = 0.9 : tensor<5x37xf32>
  %p3, %b3 = nn.sgd_update %p2, %g3 buffer %b2 lr %lr3 momentum = 0.9 : tensor<5x37xf32>
  return %p3, %b3 : tensor<5x37xf32>, tensor<5x37xf32>
}

func.func @nesterov(%p: tensor<5x37xf32> {nn.name = "p"}, %b: tensor<5x37xf32> {nn.name = "b"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}, tensor<5x37xf32> {nn.name = "b"}) {
  %p1, %b1 = nn.sgd_update %p, %g1 buffer %b lr %lr1 momentum = 0.9 nesterov : tensor<5x37xf32>
  %p2, %b2 = nn.sgd_update %p1, %g2 buffer %b1 lr %lr2 momentum = 0.9 nesterov : tensor<5x37xf32>
  %p3, %b3 = nn.sgd_update %p2, %g3 buffer %b2 lr %lr3 momentum = 0.9 nesterov : tensor<5x37xf32>
  return %p3, %b3 : tensor<5x37xf32>, tensor<5x37xf32>
}

func.func @momentum_keras(%p: tensor<5x37xf32> {nn.name = "p"}, %b: tensor<5x37xf32> {nn.name = "b"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}, tensor<5x37xf32> {nn.name = "b"}) {
  %p1, %b1 = nn.sgd_update %p, %g1 buffer %b lr %lr1 momentum = 0.9 keras : tensor<5x37xf32>
  %p2, %b2 = nn.sgd_update %p1, %g2 buffer %b1 lr %lr2 momentum = 0.9 keras : tensor<5x37xf32>
  %p3, %b3 = nn.sgd_update %p2, %g3 buffer %b2 lr %lr3 momentum = 0.9 keras : tensor<5x37xf32>
  return %p3, %b3 : tensor<5x37xf32>, tensor<5x37xf32>
}

func.func @nesterov_keras(%p: tensor<5x37xf32> {nn.name = "p"}, %b: tensor<5x37xf32> {nn.name = "b"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}, tensor<5x37xf32> {nn.name = "b"}) {
  %p1, %b1 = nn.sgd_update %p, %g1 buffer %b lr %lr1 momentum = 0.9 nesterov keras : tensor<5x37xf32>
  %p2, %b2 = nn.sgd_update %p1, %g2 buffer %b1 lr %lr2 momentum = 0.9 nesterov keras : tensor<5x37xf32>
  %p3, %b3 = nn.sgd_update %p2, %g3 buffer %b2 lr %lr3 momentum = 0.9 nesterov keras : tensor<5x37xf32>
  return %p3, %b3 : tensor<5x37xf32>, tensor<5x37xf32>
}

func.func @adam(%p: tensor<5x37xf32> {nn.name = "p"}, %m: tensor<5x37xf32> {nn.name = "m"}, %v: tensor<5x37xf32> {nn.name = "v"}, %step: tensor<i32> {nn.name = "step"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}, tensor<5x37xf32> {nn.name = "m"}, tensor<5x37xf32> {nn.name = "v"}, tensor<i32> {nn.name = "step"}) {
  %p1, %m1, %v1, %t1 = nn.adam_update %p, %g1, %m, %v, %step lr %lr1 epsilon = 1.0e-4
      : tensor<5x37xf32>, tensor<i32>
  %p2, %m2, %v2, %t2 = nn.adam_update %p1, %g2, %m1, %v1, %t1 lr %lr2 epsilon = 1.0e-4
      : tensor<5x37xf32>, tensor<i32>
  %p3, %m3, %v3, %t3 = nn.adam_update %p2, %g3, %m2, %v2, %t2 lr %lr3 epsilon = 1.0e-4
      : tensor<5x37xf32>, tensor<i32>
  return %p3, %m3, %v3, %t3 : tensor<5x37xf32>, tensor<5x37xf32>, tensor<5x37xf32>, tensor<i32>
}

func.func @adam_keras(%p: tensor<5x37xf32> {nn.name = "p"}, %m: tensor<5x37xf32> {nn.name = "m"}, %v: tensor<5x37xf32> {nn.name = "v"}, %step: tensor<i32> {nn.name = "step"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}, tensor<5x37xf32> {nn.name = "m"}, tensor<5x37xf32> {nn.name = "v"}, tensor<i32> {nn.name = "step"}) {
  %p1, %m1, %v1, %t1 = nn.adam_update %p, %g1, %m, %v, %step lr %lr1 epsilon = 1.0e-4 keras
      : tensor<5x37xf32>, tensor<i32>
  %p2, %m2, %v2, %t2 = nn.adam_update %p1, %g2, %m1, %v1, %t1 lr %lr2 epsilon = 1.0e-4 keras
      : tensor<5x37xf32>, tensor<i32>
  %p3, %m3, %v3, %t3 = nn.adam_update %p2, %g3, %m2, %v2, %t2 lr %lr3 epsilon = 1.0e-4 keras
      : tensor<5x37xf32>, tensor<i32>
  return %p3, %m3, %v3, %t3 : tensor<5x37xf32>, tensor<5x37xf32>, tensor<5x37xf32>, tensor<i32>
}

func.func @adamw(%p: tensor<5x37xf32> {nn.name = "p"}, %m: tensor<5x37xf32> {nn.name = "m"}, %v: tensor<5x37xf32> {nn.name = "v"}, %step: tensor<i32> {nn.name = "step"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}, tensor<5x37xf32> {nn.name = "m"}, tensor<5x37xf32> {nn.name = "v"}, tensor<i32> {nn.name = "step"}) {
  %p1, %m1, %v1, %t1 = nn.adamw_update %p, %g1, %m, %v, %step lr %lr1 weight_decay = 0.1 beta1 = 0.8 beta2 = 0.95 epsilon = 1.0e-4
      : tensor<5x37xf32>, tensor<i32>
  %p2, %m2, %v2, %t2 = nn.adamw_update %p1, %g2, %m1, %v1, %t1 lr %lr2 weight_decay = 0.1 beta1 = 0.8 beta2 = 0.95 epsilon = 1.0e-4
      : tensor<5x37xf32>, tensor<i32>
  %p3, %m3, %v3, %t3 = nn.adamw_update %p2, %g3, %m2, %v2, %t2 lr %lr3 weight_decay = 0.1 beta1 = 0.8 beta2 = 0.95 epsilon = 1.0e-4
      : tensor<5x37xf32>, tensor<i32>
  return %p3, %m3, %v3, %t3 : tensor<5x37xf32>, tensor<5x37xf32>, tensor<5x37xf32>, tensor<i32>
}

func.func @adamw_keras(%p: tensor<5x37xf32> {nn.name = "p"}, %m: tensor<5x37xf32> {nn.name = "m"}, %v: tensor<5x37xf32> {nn.name = "v"}, %step: tensor<i32> {nn.name = "step"}, %g1: tensor<5x37xf32> {nn.name = "g1"}, %g2: tensor<5x37xf32> {nn.name = "g2"}, %g3: tensor<5x37xf32> {nn.name = "g3"}, %lr1: tensor<f32> {nn.name = "lr1"}, %lr2: tensor<f32> {nn.name = "lr2"}, %lr3: tensor<f32> {nn.name = "lr3"})
    -> (tensor<5x37xf32> {nn.name = "p"}, tensor<5x37xf32> {nn.name = "m"}, tensor<5x37xf32> {nn.name = "v"}, tensor<i32> {nn.name = "step"}) {
  %p1, %m1, %v1, %t1 = nn.adamw_update %p, %g1, %m, %v, %step lr %lr1 weight_decay = 0.1 beta1 = 0.8 beta2 = 0.95 epsilon = 1.0e-4 keras
      : tensor<5x37xf32>, tensor<i32>
  %p2, %m2, %v2, %t2 = nn.adamw_update %p1, %g2, %m1, %v1, %t1 lr %lr2 weight_decay = 0.1 beta1 = 0.8 beta2 = 0.95 epsilon = 1.0e-4 keras
      : tensor<5x37xf32>, tensor<i32>
  %p3, %m3, %v3, %t3 = nn.adamw_update %p2, %g3, %m2, %v2, %t2 lr %lr3 weight_decay = 0.1 beta1 = 0.8 beta2 = 0.95 epsilon = 1.0e-4 keras
      : tensor<5x37xf32>, tensor<i32>
  return %p3, %m3, %v3, %t3 : tensor<5x37xf32>, tensor<5x37xf32>, tensor<5x37xf32>, tensor<i32>
}

func.func @adam_big(%p: tensor<1024x1024xf32> {nn.name = "p"}, %g: tensor<1024x1024xf32> {nn.name = "g"},
                    %m: tensor<1024x1024xf32> {nn.name = "m"}, %v: tensor<1024x1024xf32> {nn.name = "v"},
                    %step: tensor<i32> {nn.name = "step"}, %lr: tensor<f32> {nn.name = "lr"})
    -> (tensor<1024x1024xf32> {nn.name = "p"}, tensor<1024x1024xf32> {nn.name = "m"},
        tensor<1024x1024xf32> {nn.name = "v"}, tensor<i32> {nn.name = "step"}) {
  %p1, %m1, %v1, %t1 = nn.adam_update %p, %g, %m, %v, %step lr %lr epsilon = 1.0e-4
      : tensor<1024x1024xf32>, tensor<i32>
  return %p1, %m1, %v1, %t1 : tensor<1024x1024xf32>, tensor<1024x1024xf32>, tensor<1024x1024xf32>, tensor<i32>
}

func.func @adam_first(%p: tensor<4xf32>, %g: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>,
                      %step: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<i32>) {
  %p1, %m1, %v1, %t1 = nn.adam_update %p, %g, %m, %v, %step lr %lr : tensor<4xf32>, tensor<i32>
  return %p1, %m1, %v1, %t1 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<i32>
}

func.func @adam_first_eps(%p: tensor<4xf32>, %g: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>,
                          %step: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %p1, %m1, %v1, %t1 = nn.adam_update %p, %g, %m, %v, %step lr %lr beta2 = 0.75 epsilon = 0.25
      : tensor<4xf32>, tensor<i32>
  %p2, %m2, %v2, %t2 = nn.adamw_update %p, %g, %m, %v, %step lr %lr weight_decay = 0.0 beta2 = 0.75 epsilon = 0.25
      : tensor<4xf32>, tensor<i32>
  %p3, %m3, %v3, %t3 = nn.adam_update %p, %g, %m, %v, %step lr %lr beta2 = 0.75 epsilon = 0.25 keras
      : tensor<4xf32>, tensor<i32>
  return %p1, %p2, %p3, %v3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

func.func @adam_i64(%p: tensor<4xf32>, %g: tensor<4xf32>, %step: tensor<i64>, %lr: tensor<f32>)
    -> (tensor<4xf32>, tensor<i64>) {
  %zero = arith.constant dense<0.0> : tensor<4xf32>
  %p1, %m1, %v1, %t1 = nn.adam_update %p, %g, %zero, %zero, %step lr %lr : tensor<4xf32>, tensor<i64>
  return %p1, %t1 : tensor<4xf32>, tensor<i64>
}

func.func @nesterov_first(%p: tensor<2xf32>, %g: tensor<2xf32>, %b: tensor<2xf32>, %lr: tensor<f32>)
    -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %p1, %b1 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 nesterov : tensor<2xf32>
  %p2, %v2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 nesterov keras : tensor<2xf32>
  return %p1, %b1, %p2, %v2 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}
