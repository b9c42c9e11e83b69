// Non-trainable layer state in training: `moving_mean` (an argument that a
// result of the same name updates, as BatchNorm's moving statistics) is
// threaded through every step, not differentiated, checkpointed and saved
// with the params. The loss updates it by hand as BatchNorm does, with
// momentum 0.9: m' = 0.9 m + 0.1 mean(x over the batch).
//
// Full batch (16 examples, batch 16: one step per epoch), 12 epochs from
// m = 0: by hand m_12 = (1 - 0.9^12) mean(x), computed in NumPy float64.
// Tolerance 1e-6 relative to max |m| (12 float32 steps of two products and
// a sum, and a 16-term mean). The params train as if the state were not
// there: SGD against Optax's rule in NumPy (Inputs/optax_reference.py),
// 2e-6 as in schedules.mlir.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/linreg_data.py %t
// RUN: %python -c "import numpy as np; p = dict(np.load('%t/init.npz')); p['moving_mean'] = np.zeros(4, np.float32); np.savez('%t/init_state.npz', **p)"
// RUN: nn-train %s --params=@%t/init_state.npz --data=@%t/data.npz --epochs=12 --quiet \
// RUN:   --optimizer=sgd --learning-rate=0.05 --checkpoint-dir=%t/ckpt --save-params=@%t/final.npz
// RUN: %python -c "import numpy as np; x = np.load('%t/data.npz')['x'].astype(np.float64); m = (1 - 0.9 ** 12) * x.mean(0); got = np.load('%t/final.npz')['moving_mean']; err = np.abs(got - m).max() / np.abs(m).max(); print('MOVING_MEAN', 'MATCH' if err <= 1e-6 else 'MISMATCH %%g' %% err, sorted(np.load('%t/final.npz').files))" \
// RUN:   | FileCheck %s --check-prefix=STATE
// STATE: MOVING_MEAN MATCH ['b', 'moving_mean', 'w']
// RUN: %python %S/Inputs/optax_reference.py %t/data.npz %t/init.npz 12 %t/sgd.npz --optimizer=sgd --learning-rate=0.05
// RUN: %python -c "import numpy as np; got, want = np.load('%t/final.npz'), np.load('%t/sgd.npz'); print('PARAMS', ['MATCH' if np.abs(got[n] - want[n]).max() <= 2e-6 * np.abs(want[n]).max() else 'MISMATCH' for n in ['w', 'b']])" \
// RUN:   | FileCheck %s --check-prefix=PARAMS
// PARAMS: PARAMS ['MATCH', 'MATCH']

// Resumed from epoch 5, the state comes back from the checkpoint: the same
// final params and state, bit for bit.
// RUN: nn-train %s --resume=@%t/ckpt/epoch-5.npz --data=@%t/data.npz --epochs=12 --quiet \
// RUN:   --optimizer=sgd --learning-rate=0.05 --save-params=@%t/resumed.npz
// RUN: %python %S/Inputs/same_arrays.py %t/final.npz %t/resumed.npz | FileCheck %s --check-prefix=SAME
// SAME: IDENTICAL 3 arrays
func.func @loss(%w: tensor<4x3xf32> {nn.name = "w"}, %b: tensor<3xf32> {nn.name = "b"},
                %mean: tensor<4xf32> {nn.name = "moving_mean"},
                %x: tensor<16x4xf32> {nn.name = "x"}, %y: tensor<16x3xf32> {nn.name = "y"})
    -> (tensor<f32>, tensor<4xf32> {nn.name = "moving_mean"}) {
  %o = nn.dense %x, %w, %b : (tensor<16x4xf32>, tensor<4x3xf32>, tensor<3xf32>) -> tensor<16x3xf32>
  %l = nn.mean_squared_error %o, %y : (tensor<16x3xf32>, tensor<16x3xf32>) -> tensor<f32>
  %x3 = tensor.expand_shape %x [[0, 1], [2]] output_shape [1, 16, 4] : tensor<16x4xf32> into tensor<1x16x4xf32>
  %bm3 = nn.global_avg_pool %x3 : (tensor<1x16x4xf32>) -> tensor<1x4xf32>
  %bm = tensor.collapse_shape %bm3 [[0, 1]] : tensor<1x4xf32> into tensor<4xf32>
  %k = arith.constant dense<0.9> : tensor<4xf32>
  %k1 = arith.constant dense<0.1> : tensor<4xf32>
  %old = arith.mulf %mean, %k : tensor<4xf32>
  %new = arith.mulf %bm, %k1 : tensor<4xf32>
  %m = arith.addf %old, %new : tensor<4xf32>
  return %l, %m : tensor<f32>, tensor<4xf32>
}
