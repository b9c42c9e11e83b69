// Reductions over the outermost loop: tiled one step per iteration of an
// scf.for that carries the accumulator. They used to fail to bufferize
// ("Yield operand #0 is not equivalent to the corresponding iter bbArg").
// References: float64 NumPy (Inputs/outer_reductions_reference.py);
// tolerance |d| <= 1e-6 |ref| + 1e-7.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/outer_reductions_reference.py %t

// Softmax over axis 0 of a 4x3 matrix.
// RUN: nn-jit %s --function=softmax_rows --input=4x3xf32=1,-1,3,4,-2.5,6,7,-4,9,10,-5.5,12 \
// RUN:   --output=@%t/softmax0_ours.npy | FileCheck %s --check-prefix=SHAPE
// RUN: %python %S/Inputs/compare_npy.py %t/softmax0_ours.npy %t/softmax0.npy 1e-6 1e-7 | FileCheck %s --check-prefix=SOFTMAX
// SHAPE: result 0: tensor<4x3xf32>
// SOFTMAX: MATCH 12 values
func.func @softmax_rows(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %y = nn.softmax %x axis = 0 : tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// The mean cross-entropy over [batch, time, classes] and its gradient
// (p - onehot(label)) / 6.
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=sequence_loss wrt=0})' --function=sequence_loss_vjp \
// RUN:   --input=2x3x3xf32=1,2,3,4,5,6,7,8,9,1,0,0,0,1,0,0,0,1 --input=2x3xi32=0,1,2,2,1,0 --input=f32=1 \
// RUN:   --output=@%t/loss_ours.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/loss_ours.npz:result0 %t/loss.npz:loss 1e-6 1e-7 | FileCheck %s --check-prefix=LOSS
// RUN: %python %S/Inputs/compare_npy.py %t/loss_ours.npz:result1 %t/loss.npz:grad 1e-6 1e-7 | FileCheck %s --check-prefix=GRAD
// LOSS: MATCH 1 values
// GRAD: MATCH 18 values
func.func @sequence_loss(%logits: tensor<2x3x3xf32>, %labels: tensor<2x3xi32>) -> tensor<f32> {
  %l = nn.sparse_softmax_cross_entropy %logits, %labels : (tensor<2x3x3xf32>, tensor<2x3xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
