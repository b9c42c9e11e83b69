// report-residuals: the values the backward pass reads from the forward
// pass (JAX's print_saved_residuals). The forward ops are kept and each
// backward op recomputes its scalars from the forward op's inputs, so a
// residual is a value computed by a forward op (not a constant) that a
// backward op reads; arguments are held by the caller and not counted.
//
// By hand, for the MLP below (f32, 4 bytes an element):
//   h = x w1 + b1, [4, 5]: relu's derivative reads it (h > 0)     80 bytes
//   a = relu(h),   [4, 5]: dw2 = a^T do reads it                  80 bytes
//   o = a w2 + b2, [4, 2]: the loss's derivative 2 (o - t) / 8    32 bytes
//                                                          total 192 bytes
// Not residuals: x w1 and a w2 before their bias (a sum passes its
// cotangent through), the loss's sums (linear), and x, w2, t: arguments
// (0, 3, 5) that dw1 = x^T dh, da = do w2^T and the loss's derivative read.
// RUN: nn-opt %s --nn-value-and-grad="function=loss wrt=1,2,3,4 report-residuals=true" -o /dev/null 2>&1 | FileCheck %s --check-prefixes=VG,MLP
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=adam report-residuals=true" -o /dev/null 2>&1 | FileCheck %s --check-prefixes=STEP,MLP
// nn-vjp also differentiates x and t (every f32 argument by default): dx
// reads w1 (argument 1), and the cotangent of the loss is argument 6.
// RUN: nn-opt %s --nn-vjp="function=loss report-residuals=true" -o /dev/null 2>&1 | FileCheck %s --check-prefixes=VJP,MLP
// VG:   residuals.mlir:[[@LINE+12]]:1: remark: nn-value-and-grad: @loss_value_and_grad keeps 3 forward values for the backward pass: 192 bytes per call (it also reads arguments 0, 3, 5, which the caller holds)
// STEP: residuals.mlir:[[@LINE+11]]:1: remark: nn-train-step: @loss_train_step keeps 3 forward values for the backward pass: 192 bytes per call (it also reads arguments 0, 3, 5, which the caller holds)
// VJP:  residuals.mlir:[[@LINE+10]]:1: remark: nn-vjp: @loss_vjp keeps 3 forward values for the backward pass: 192 bytes per call (it also reads arguments 0, 1, 3, 5, 6, which the caller holds)
// MLP:  residuals.mlir:[[@LINE+12]]:8: note: residual 'tensor<4x5xf32>', 80 bytes: result 0 of 'linalg.generic'
// MLP:  residuals.mlir:[[@LINE+12]]:8: note: residual 'tensor<4x5xf32>', 80 bytes: result 0 of 'linalg.generic'
// MLP:  residuals.mlir:[[@LINE+12]]:8: note: residual 'tensor<4x2xf32>', 32 bytes: result 0 of 'linalg.generic'
// MLP-NOT: residual

// Only on request.
// RUN: nn-opt %s --nn-value-and-grad="function=loss wrt=1,2,3,4" -o /dev/null 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// QUIET-NOT: remark

func.func @loss(%x: tensor<4x3xf32>, %w1: tensor<3x5xf32> {nn.name = "w1"}, %b1: tensor<5xf32> {nn.name = "b1"},
                %w2: tensor<5x2xf32> {nn.name = "w2"}, %b2: tensor<2xf32> {nn.name = "b2"},
                %t: tensor<4x2xf32>) -> tensor<f32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  %a = nn.relu %h : tensor<4x5xf32>
  %o = nn.dense %a, %w2, %b2 : (tensor<4x5xf32>, tensor<5x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %l = nn.mean_squared_error %o, %t : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<f32>
  return %l : tensor<f32>
}

// remat=dots_saveable keeps only the contractions' results, x w1 [4, 5] (80
// bytes) and a w2 [4, 2] (32 bytes): 112 bytes by hand. h, a and o are
// recomputed from them and b1, b2 (arguments 2 and 4, now read too).
// nothing_saveable keeps nothing and reads every argument.
// RUN: nn-opt %s --nn-value-and-grad="function=loss wrt=1,2,3,4 report-residuals=true remat=dots_saveable" -o /dev/null 2>&1 | FileCheck %s --check-prefix=DOTS
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=adam report-residuals=true remat=dots_saveable" -o /dev/null 2>&1 | FileCheck %s --check-prefix=DOTS
// DOTS: remark: {{.*}} keeps 2 forward values for the backward pass: 112 bytes per call (it also reads arguments 0, 2, 3, 4, 5, which the caller holds)
// DOTS: note: residual 'tensor<4x5xf32>', 80 bytes: result 0 of 'linalg.generic'
// DOTS: note: residual 'tensor<4x2xf32>', 32 bytes: result 0 of 'linalg.generic'
// DOTS-NOT: residual
// RUN: nn-opt %s --nn-vjp="function=loss report-residuals=true remat=nothing_saveable" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTHING
// NOTHING: remark: nn-vjp: @loss_vjp keeps 0 forward values for the backward pass: 0 bytes per call (it also reads arguments 0, 1, 2, 3, 4, 5, 6, which the caller holds)
// NOTHING-NOT: residual
// RUN: not nn-opt %s --nn-vjp="function=loss remat=dots" -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: nn-vjp: unknown remat policy 'dots' (everything_saveable, dots_saveable or nothing_saveable, as jax.checkpoint_policies)

// A linear function keeps nothing: its derivative is a constant.
// RUN: nn-opt %s --nn-value-and-grad="function=linear report-residuals=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=LINEAR
// LINEAR: remark: nn-value-and-grad: @linear_value_and_grad keeps 0 forward values for the backward pass: 0 bytes per call
// LINEAR-NOT: note
#v = affine_map<(d0) -> (d0)>
#s = affine_map<(d0) -> ()>
func.func @linear(%w: tensor<2xf32>) -> tensor<f32> {
  %c = arith.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#v, #v, #s], iterator_types = ["reduction"]}
      ins(%w, %c : tensor<2xf32>, tensor<2xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%x: f32, %k: f32, %acc: f32):
    %p = arith.mulf %x, %k : f32
    %a = arith.addf %acc, %p : f32
    linalg.yield %a : f32
  } -> tensor<f32>
  return %s : tensor<f32>
}

// Softmax cross-entropy, lowered as o - m - log(s) with the row max m and
// s = sum(exp(o - m)): its derivative reads o [2, 4] (32 bytes), m and s
// [2] (8 bytes each): 48 bytes. The max's -inf initial value is the same
// every call (computed from constants alone) and is not counted.
// RUN: nn-opt %s --nn-value-and-grad="function=softmax_loss wrt=0 report-residuals=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SOFTMAX
// SOFTMAX:      remark: nn-value-and-grad: @softmax_loss_value_and_grad keeps 3 forward values for the backward pass: 48 bytes per call (it also reads arguments 1, 2, which the caller holds)
// SOFTMAX:      residuals.mlir:[[@LINE+6]]:8: note: residual 'tensor<2x4xf32>', 32 bytes
// SOFTMAX:      residuals.mlir:[[@LINE+6]]:8: note: residual 'tensor<2xf32>', 8 bytes
// SOFTMAX:      residuals.mlir:[[@LINE+5]]:8: note: residual 'tensor<2xf32>', 8 bytes
// SOFTMAX-NOT:  residual
func.func @softmax_loss(%w: tensor<3x4xf32> {nn.name = "w"}, %x: tensor<2x3xf32>,
                        %labels: tensor<2xi32>) -> tensor<f32> {
  %o = nn.dense %x, %w : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %l = nn.sparse_softmax_cross_entropy %o, %labels : (tensor<2x4xf32>, tensor<2xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
