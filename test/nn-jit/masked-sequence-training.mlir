// The motivation's case 1 in training: Masking -> a dense layer and tanh per
// timestep -> a masked loss (nn-propagate-masks carries the timestep mask
// into the loss, as Keras does). Padded steps add nothing to the loss, their
// input gradients are exactly 0, and loss and gradients equal those of the
// unpadded data: the five real steps as one sequence. Reference: float64
// NumPy (Inputs/masked_sequence_check.py).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(3); x = rng.normal(size=(2, 4, 3)).astype(np.float32); x[0, 3] = -99; x[1, 2:] = -99; np.save('%t/x.npy', x); np.save('%t/xu.npy', x[~np.all(x == -99, axis=-1)][None]); np.save('%t/w.npy', rng.normal(size=(3, 5)).astype(np.float32)); np.save('%t/b.npy', rng.normal(size=5).astype(np.float32)); l = rng.integers(0, 5, (2, 4)).astype(np.int32); np.save('%t/labels.npy', l); np.save('%t/lu.npy', l[~np.all(x == -99, axis=-1)][None])"
// RUN: nn-jit %s --prepare='builtin.module(nn-value-and-grad{function=padded wrt=0,1,2})' --function=padded_value_and_grad \
// RUN:   --input=@%t/x.npy --input=@%t/w.npy --input=@%t/b.npy --input=@%t/labels.npy --output=@%t/padded.npz > /dev/null
// RUN: nn-jit %s --prepare='builtin.module(nn-value-and-grad{function=unpadded wrt=0,1,2})' --function=unpadded_value_and_grad \
// RUN:   --input=@%t/xu.npy --input=@%t/w.npy --input=@%t/b.npy --input=@%t/lu.npy --output=@%t/unpadded.npz > /dev/null
// RUN: %python %S/Inputs/masked_sequence_check.py %t | FileCheck %s
// CHECK:      MATCH float64 reference, padded and unpadded
// CHECK-NEXT: PADDED STEPS: 3, gradient exactly +0

func.func @padded(%x: tensor<2x4x3xf32>, %w: tensor<3x5xf32>, %b: tensor<5xf32>, %labels: tensor<2x4xi32>) -> tensor<f32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<2x4x3xf32> -> tensor<2x4x3xf32>, tensor<2x4xi1>
  %h = nn.dense %d, %w, %b : (tensor<2x4x3xf32>, tensor<3x5xf32>, tensor<5xf32>) -> tensor<2x4x5xf32>
  %a = nn.tanh %h : tensor<2x4x5xf32>
  %l = nn.sparse_softmax_cross_entropy %a, %labels : (tensor<2x4x5xf32>, tensor<2x4xi32>) -> tensor<f32>
  return %l : tensor<f32>
}

func.func @unpadded(%x: tensor<1x5x3xf32>, %w: tensor<3x5xf32>, %b: tensor<5xf32>, %labels: tensor<1x5xi32>) -> tensor<f32> {
  %h = nn.dense %x, %w, %b : (tensor<1x5x3xf32>, tensor<3x5xf32>, tensor<5xf32>) -> tensor<1x5x5xf32>
  %a = nn.tanh %h : tensor<1x5x5xf32>
  %l = nn.sparse_softmax_cross_entropy %a, %labels : (tensor<1x5x5xf32>, tensor<1x5xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
