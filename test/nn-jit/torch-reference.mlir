// Gradients and optimizer steps against PyTorch (Debian's python3-torch,
// run in a process of its own by Inputs/torch_reference.py) from the same
// float32 weights and data: an MLP's mean cross-entropy, its gradients
// (torch autograd), and one step from fresh state of torch.optim.Adam
// (lr 0.01), AdamW (lr 0.01, weight decay 0.1) and SGD (lr 0.1, Nesterov
// momentum 0.9).
// Tolerance |d| <= 1e-5 |ref| + 1e-6.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/torch_reference.py %t
// RUN: nn-jit %s --prepare='builtin.module(nn-value-and-grad{function=loss wrt=0,1,2,3})' --function=loss_value_and_grad \
// RUN:   --input=@%t/w1.npy --input=@%t/b1.npy --input=@%t/w2.npy --input=@%t/b2.npy --input=@%t/x.npy --input=@%t/labels.npy \
// RUN:   --output=@%t/ours.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/ours.npz:result0 %t/grads.npz:loss 1e-5 1e-6 | FileCheck %s --check-prefix=LOSS
// RUN: %python %S/Inputs/compare_npy.py %t/ours.npz:result1 %t/grads.npz:w1 1e-5 1e-6 | FileCheck %s --check-prefix=W1
// RUN: %python %S/Inputs/compare_npy.py %t/ours.npz:result2 %t/grads.npz:b1 1e-5 1e-6 | FileCheck %s --check-prefix=B1
// RUN: %python %S/Inputs/compare_npy.py %t/ours.npz:result3 %t/grads.npz:w2 1e-5 1e-6 | FileCheck %s --check-prefix=W2
// RUN: %python %S/Inputs/compare_npy.py %t/ours.npz:result4 %t/grads.npz:b2 1e-5 1e-6 | FileCheck %s --check-prefix=B2
// LOSS: MATCH 1 values
// W1: MATCH 30 values
// B1: MATCH 5 values
// W2: MATCH 20 values
// B2: MATCH 4 values

// One Adam step from zero moments (count 0).
// RUN: %python -c "import numpy as np; [np.save('%t/z_%%s.npy' %% n, np.zeros(s, np.float32)) for n, s in [('w1', (6, 5)), ('b1', (5,)), ('w2', (5, 4)), ('b2', (4,))]]"
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=adam learning-rate=0.01})' --function=loss_train_step \
// RUN:   --input=@%t/w1.npy --input=@%t/b1.npy --input=@%t/w2.npy --input=@%t/b2.npy --input=@%t/x.npy --input=@%t/labels.npy \
// RUN:   --input=@%t/z_w1.npy --input=@%t/z_b1.npy --input=@%t/z_w2.npy --input=@%t/z_b2.npy \
// RUN:   --input=@%t/z_w1.npy --input=@%t/z_b1.npy --input=@%t/z_w2.npy --input=@%t/z_b2.npy --input=i32=0 \
// RUN:   --output=@%t/adam_ours.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adam_ours.npz:w1 %t/adam.npz:w1 1e-5 1e-6 | FileCheck %s --check-prefix=AW1
// RUN: %python %S/Inputs/compare_npy.py %t/adam_ours.npz:b2 %t/adam.npz:b2 1e-5 1e-6 | FileCheck %s --check-prefix=AB2
// AW1: MATCH 30 values
// AB2: MATCH 4 values

// One AdamW step.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=adamw learning-rate=0.01 weight-decay=0.1})' --function=loss_train_step \
// RUN:   --input=@%t/w1.npy --input=@%t/b1.npy --input=@%t/w2.npy --input=@%t/b2.npy --input=@%t/x.npy --input=@%t/labels.npy \
// RUN:   --input=@%t/z_w1.npy --input=@%t/z_b1.npy --input=@%t/z_w2.npy --input=@%t/z_b2.npy \
// RUN:   --input=@%t/z_w1.npy --input=@%t/z_b1.npy --input=@%t/z_w2.npy --input=@%t/z_b2.npy --input=i32=0 \
// RUN:   --output=@%t/adamw_ours.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_ours.npz:w1 %t/adamw.npz:w1 1e-5 1e-6 | FileCheck %s --check-prefix=WW1
// RUN: %python %S/Inputs/compare_npy.py %t/adamw_ours.npz:w2 %t/adamw.npz:w2 1e-5 1e-6 | FileCheck %s --check-prefix=WW2
// WW1: MATCH 30 values
// WW2: MATCH 20 values

// One SGD step with Nesterov momentum from zero buffers.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.1 momentum=0.9 nesterov=true})' --function=loss_train_step \
// RUN:   --input=@%t/w1.npy --input=@%t/b1.npy --input=@%t/w2.npy --input=@%t/b2.npy --input=@%t/x.npy --input=@%t/labels.npy \
// RUN:   --input=@%t/z_w1.npy --input=@%t/z_b1.npy --input=@%t/z_w2.npy --input=@%t/z_b2.npy \
// RUN:   --output=@%t/sgd_ours.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/sgd_ours.npz:w1 %t/sgd.npz:w1 1e-5 1e-6 | FileCheck %s --check-prefix=SW1
// RUN: %python %S/Inputs/compare_npy.py %t/sgd_ours.npz:b2 %t/sgd.npz:b2 1e-5 1e-6 | FileCheck %s --check-prefix=SB2
// SW1: MATCH 30 values
// SB2: MATCH 4 values

func.func @loss(%w1: tensor<6x5xf32> {nn.name = "w1"}, %b1: tensor<5xf32> {nn.name = "b1"},
                %w2: tensor<5x4xf32> {nn.name = "w2"}, %b2: tensor<4xf32> {nn.name = "b2"},
                %x: tensor<8x6xf32>, %labels: tensor<8xi32>) -> tensor<f32> {
  %0 = nn.dense %x, %w1, %b1 : (tensor<8x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<8x5xf32>
  %1 = nn.tanh %0 : tensor<8x5xf32>
  %2 = nn.dense %1, %w2, %b2 : (tensor<8x5xf32>, tensor<5x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %3 = nn.sparse_softmax_cross_entropy %2, %labels : (tensor<8x4xf32>, tensor<8xi32>) -> tensor<f32>
  return %3 : tensor<f32>
}
