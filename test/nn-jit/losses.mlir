// The loss ops end to end (docs/Losses.md). Small cases by hand, larger ones
// against a NumPy float64 reference (Inputs/losses_reference.py).
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t

// Integer labels, large logits: no overflow, no NaN. By hand:
// -log_softmax([1000, -1000])[0] = log(1 + e^-2000) = 0, [-1000, 1000] with
// label 0 gives 2000, [0, 0] gives log 2 = 0.6931472; the mean is
// 2000.6931 / 3 = 666.8977, the sum 2000.693.
// RUN: nn-jit %s --function=sparse_tiny --input="3x2xf32=1000,-1000, -1000,1000, 0,0" --input="3xi32=0,0,1" | FileCheck %s --check-prefix=SPARSE
// SPARSE:      result 0: tensor<3xf32>
// SPARSE-NEXT: [0, 2000, 0.6931472]
// SPARSE-NEXT: result 1: tensor<f32>
// SPARSE-NEXT: 666.8977
// SPARSE-NEXT: result 2: tensor<f32>
// SPARSE-NEXT: 2000.693

// Masks, by hand (logits [1, 1], [2, 3], [0, 0]; labels 0, -1, 5):
// (1) all kept: the out-of-range labels -1 and 5 give NaN (never a silent
//     0), so the mean is NaN;
// (2) only example 0 kept: the padding labels do not matter, log 2;
// (3) all masked: 0 (not 0 / 0);
// (4) NaN and inf logits in masked examples do not leak.
// RUN: nn-jit %s --function=sparse_masked --no-cache \
// RUN:   --input="3x2xf32=1,1, 2,3, 0,0" --input="3xi32=0,-1,5" --input="3xi1=1,1,1" \
// RUN:   --input="3x2xf32=1,1, 2,3, 0,0" --input="3xi32=0,-1,5" --input="3xi1=1,0,0" \
// RUN:   --input="3x2xf32=1,1, 2,3, 0,0" --input="3xi32=0,-1,5" --input="3xi1=0,0,0" \
// RUN:   --input="3x2xf32=nan,1, inf,0, 0,0" --input="3xi32=0,0,1" --input="3xi1=0,0,1" \
// RUN:   | FileCheck %s --check-prefix=MASKED
// MASKED:      result 0: tensor<f32>
// MASKED-NEXT: {{-?}}nan
// MASKED-NEXT: result 1: tensor<3xf32>
// MASKED-NEXT: [0.6931472, {{-?}}nan, {{-?}}nan]
// MASKED:      result 0: tensor<f32>
// MASKED-NEXT: 0.6931472
// MASKED-NEXT: result 1: tensor<3xf32>
// MASKED-NEXT: [0.6931472, 0, 0]
// MASKED:      result 0: tensor<f32>
// MASKED-NEXT: 0
// MASKED-NEXT: result 1: tensor<3xf32>
// MASKED-NEXT: [0, 0, 0]
// MASKED:      result 0: tensor<f32>
// MASKED-NEXT: 0.6931472
// MASKED-NEXT: result 1: tensor<3xf32>
// MASKED-NEXT: [0, 0, 0.6931472]

// Probabilities, by hand: [0, -inf] with targets [1, 0] gives 0 (the zero
// target adds 0, not 0 * -inf = NaN); [1000, -1000] with [0.5, 0.5] gives
// 0.5 * 0 + 0.5 * 2000 = 1000; the mean is 500.
// RUN: nn-jit %s --function=softmax_tiny --input="2x2xf32=0,-inf, 1000,-1000" --input="2x2xf32=1,0, 0.5,0.5" | FileCheck %s --check-prefix=SOFTMAX
// SOFTMAX:      result 0: tensor<2xf32>
// SOFTMAX-NEXT: [0, 1000]
// SOFTMAX-NEXT: result 1: tensor<f32>
// SOFTMAX-NEXT: 500

// Binary cross-entropy from logits, by hand: x = 1000 with z = 1 and
// x = -1000 with z = 0 give 0; x = 0 gives log 2 for either label; x = -1000
// with z = 1 and 1000 with z = 0 give 1000; the mean over the last axis,
// then over the examples: (0 + 0.6931472 + 1000) / 3 = 333.5644.
// RUN: nn-jit %s --function=bce_tiny --input="3x2xf32=1000,-1000, 0,0, -1000,1000" --input="3x2xf32=1,0, 1,0, 1,0" | FileCheck %s --check-prefix=BCE
// BCE:      result 0: tensor<3xf32>
// BCE-NEXT: [0, 0.6931472, 1000]
// BCE-NEXT: result 1: tensor<f32>
// BCE-NEXT: 333.5644

// Mean squared error and every reduction, by hand: predictions [1, 2],
// [3, 5], targets [0, 0], [3, 3]: per example (1 + 4) / 2 = 2.5 and
// (0 + 4) / 2 = 2; weights [2, 0.5], mask [1, 0].
//   none / sum_over_batch_size / sum / mean_with_sample_weight:
//   plain    [2.5, 2], 4.5 / 2 = 2.25, 4.5, 2.25
//   weighted [5, 1], (5 + 1) / 2 = 3, 6, 6 / 2.5 = 2.4
//   masked   [2.5, 0], 2.5 / 1, 2.5, 2.5 / 1
//   both     [5, 0], 5 / 1, 5, 5 / 2 = 2.5
// RUN: nn-jit %s --function=mse_tiny --input="2x2xf32=1,2, 3,5" --input="2x2xf32=0,0, 3,3" --input="2xi1=1,0" --input="2xf32=2,0.5" | FileCheck %s --check-prefix=MSE
// MSE:      result 0: tensor<2xf32>
// MSE-NEXT: [2.5, 2]
// MSE-NEXT: result 1: tensor<f32>
// MSE-NEXT: 2.25
// MSE-NEXT: result 2: tensor<f32>
// MSE-NEXT: 4.5
// MSE-NEXT: result 3: tensor<f32>
// MSE-NEXT: 2.25
// MSE-NEXT: result 4: tensor<2xf32>
// MSE-NEXT: [5, 1]
// MSE-NEXT: result 5: tensor<f32>
// MSE-NEXT: 3
// MSE-NEXT: result 6: tensor<f32>
// MSE-NEXT: 6
// MSE-NEXT: result 7: tensor<f32>
// MSE-NEXT: 2.4
// MSE-NEXT: result 8: tensor<2xf32>
// MSE-NEXT: [2.5, 0]
// MSE-NEXT: result 9: tensor<f32>
// MSE-NEXT: 2.5
// MSE-NEXT: result 10: tensor<f32>
// MSE-NEXT: 2.5
// MSE-NEXT: result 11: tensor<f32>
// MSE-NEXT: 2.5
// MSE-NEXT: result 12: tensor<2xf32>
// MSE-NEXT: [5, 0]
// MSE-NEXT: result 13: tensor<f32>
// MSE-NEXT: 5
// MSE-NEXT: result 14: tensor<f32>
// MSE-NEXT: 5
// MSE-NEXT: result 15: tensor<f32>
// MSE-NEXT: 2.5

// One example (rank-1 logits, rank-0 label, mask and weight), by hand:
// -log_softmax([0, 0, 0])[1] = log 3 = 1.098612, weighted by 2: 2.197225;
// masked: 0.
// RUN: nn-jit %s --function=one_example --no-cache \
// RUN:   --input="3xf32=0,0,0" --input="i32=1" --input="i1=1" --input="f32=2" \
// RUN:   --input="3xf32=0,0,0" --input="i32=1" --input="i1=0" --input="f32=2" \
// RUN:   | FileCheck %s --check-prefix=ONE
// ONE:      result 0: tensor<f32>
// ONE-NEXT: 2.197225
// ONE-NEXT: result 1: tensor<f32>
// ONE-NEXT: 1.098612
// ONE:      result 0: tensor<f32>
// ONE-NEXT: 0
// ONE-NEXT: result 1: tensor<f32>
// ONE-NEXT: 1.098612

// The loss gets the model output's timestep mask from nn-propagate-masks
// (in nn-jit's default pipeline), as Keras passes it: Masking(-99), then a
// squared error per timestep. By hand: x = [[1], [2], [-99]], [[3], [-99],
// [-99]] against targets [[0], [0], [0]], [[1], [5], [5]]: kept steps give
// 1, 4 and 4, so 9 / 3 = 3. Lowered without propagation, the padded steps
// (zeroed by Masking) count: (1 + 4 + 0 + 4 + 25 + 25) / 6 = 9.833333.
// RUN: nn-jit %s --function=masked_sequence --input="2x3x1xf32=1,2,-99, 3,-99,-99" --input="2x3x1xf32=0,0,0, 1,5,5" | FileCheck %s --check-prefix=PROPAGATED
// PROPAGATED:      result 0: tensor<f32>
// PROPAGATED-NEXT: 3
// RUN: nn-jit %s --function=masked_sequence --pipeline='builtin.module(convert-nn-to-linalg,nn-lower-to-llvm{use-workspace=true})' --input="2x3x1xf32=1,2,-99, 3,-99,-99" --input="2x3x1xf32=0,0,0, 1,5,5" | FileCheck %s --check-prefix=UNPROPAGATED
// UNPROPAGATED:      result 0: tensor<f32>
// UNPROPAGATED-NEXT: 9.833333

// Forward mode through the losses (nn-jvp), by hand. Mean squared error: the mean of
// (p - t)^2 over all n = 4 entries has the derivative 2 (p - t) / n, so
// with p - t = [[1, 2], [0, 2]] and the tangent [[1, 0], [0, 1]]:
// 2 (1 + 2) / 4 = 1.5 (value 2.25).
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=mse_mean wrt=0})' --function=mse_mean_jvp --input="2x2xf32=1,2, 3,5" --input="2x2xf32=0,0, 3,3" --input="2x2xf32=1,0, 0,1" | FileCheck %s --check-prefix=JVPMSE
// JVPMSE:      result 0: tensor<f32>
// JVPMSE-NEXT: 2.25
// JVPMSE-NEXT: result 1: tensor<f32>
// JVPMSE-NEXT: 1.5
// Masked, with a NaN prediction in the masked example: only example 0
// counts (value 2.5, derivative 2 (1 + 2) / 2 = 3 for the all-ones tangent)
// and the NaN reaches neither the value nor the tangent.
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=mse_masked wrt=0})' --function=mse_masked_jvp --input="2x2xf32=1,2, nan,5" --input="2x2xf32=0,0, 3,3" --input="2xi1=1,0" --input="2x2xf32=1,1, 1,1" | FileCheck %s --check-prefix=JVPMASKED
// JVPMASKED:      result 0: tensor<f32>
// JVPMASKED-NEXT: 2.5
// JVPMASKED-NEXT: result 1: tensor<f32>
// JVPMASKED-NEXT: 3
// Binary cross-entropy: d/dx = sigmoid(x) - z, also at x = 0 (the kinks of
// max(x, 0) and |x| cancel): x = [0, 2], z = [1, 0], tangent [1, 1]:
// ((0.5 - 1) + (0.8807971 - 0)) / 2 = 0.1903985; the value is
// (log 2 + 2 + log1p(e^-2)) / 2 = 1.410038.
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=bce_mean wrt=0})' --function=bce_mean_jvp --input="1x2xf32=0,2" --input="1x2xf32=1,0" --input="1x2xf32=1,1" | FileCheck %s --check-prefix=JVPBCE
// JVPBCE:      result 0: tensor<f32>
// JVPBCE-NEXT: 1.410038
// JVPBCE-NEXT: result 1: tensor<f32>
// JVPBCE-NEXT: 0.1903985
// Integer labels: d/dx = softmax(x) - onehot(label): at [0, 0, 0], label 0,
// tangent [1, 0, 0]: 1/3 - 1 = -0.6666667 to an ulp (the tangent is
// computed in f32 through the log-sum-exp; value log 3).
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=sparse_mean wrt=0})' --function=sparse_mean_jvp --input="1x3xf32=0,0,0" --input="1xi32=0" --input="1x3xf32=1,0,0" | FileCheck %s --check-prefix=JVPSPARSE
// JVPSPARSE:      result 0: tensor<f32>
// JVPSPARSE-NEXT: 1.098612
// JVPSPARSE-NEXT: result 1: tensor<f32>
// JVPSPARSE-NEXT: -0.666666{{[67]}}

// Against NumPy (float64), [batch 4, time 6, classes 7] with sequence
// lengths 6, 4, 1, 0, for each loss: every reduction, plain, masked,
// weighted and both (12 results, Inputs/losses_reference.py lists them);
// the masked calls get NaN / inf logits or targets, labels -1 and NaN
// weights in the masked examples, which must not leak, and a fully masked
// sequence. Two examples have logits of +-1000.
// RUN: %python %S/Inputs/losses_reference.py %t
// RUN: nn-jit %s --function=sparse_all --input=@%t/sparse_x.npy --input=@%t/sparse_t.npy --input=@%t/sparse_xp.npy --input=@%t/sparse_tp.npy --input=@%t/mask.npy --input=@%t/w.npy --input=@%t/wp.npy --output=@%t/sparse.npz
// RUN: nn-jit %s --function=softmax_all --input=@%t/softmax_x.npy --input=@%t/softmax_t.npy --input=@%t/softmax_xp.npy --input=@%t/softmax_tp.npy --input=@%t/mask.npy --input=@%t/w.npy --input=@%t/wp.npy --output=@%t/softmax.npz
// RUN: nn-jit %s --function=bce_all --input=@%t/bce_x.npy --input=@%t/bce_t.npy --input=@%t/bce_xp.npy --input=@%t/bce_tp.npy --input=@%t/mask.npy --input=@%t/w.npy --input=@%t/wp.npy --output=@%t/bce.npz
// RUN: nn-jit %s --function=mse_all --input=@%t/mse_x.npy --input=@%t/mse_t.npy --input=@%t/mse_xp.npy --input=@%t/mse_tp.npy --input=@%t/mask.npy --input=@%t/w.npy --input=@%t/wp.npy --output=@%t/mse.npz
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result0 %t/expected.npz:sparse_0 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result1 %t/expected.npz:sparse_1 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result2 %t/expected.npz:sparse_2 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result3 %t/expected.npz:sparse_3 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result4 %t/expected.npz:sparse_4 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result5 %t/expected.npz:sparse_5 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result6 %t/expected.npz:sparse_6 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result7 %t/expected.npz:sparse_7 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result8 %t/expected.npz:sparse_8 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result9 %t/expected.npz:sparse_9 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result10 %t/expected.npz:sparse_10 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/sparse.npz:result11 %t/expected.npz:sparse_11 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result0 %t/expected.npz:softmax_0 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result1 %t/expected.npz:softmax_1 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result2 %t/expected.npz:softmax_2 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result3 %t/expected.npz:softmax_3 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result4 %t/expected.npz:softmax_4 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result5 %t/expected.npz:softmax_5 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result6 %t/expected.npz:softmax_6 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result7 %t/expected.npz:softmax_7 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result8 %t/expected.npz:softmax_8 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result9 %t/expected.npz:softmax_9 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result10 %t/expected.npz:softmax_10 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npz:result11 %t/expected.npz:softmax_11 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result0 %t/expected.npz:bce_0 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result1 %t/expected.npz:bce_1 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result2 %t/expected.npz:bce_2 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result3 %t/expected.npz:bce_3 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result4 %t/expected.npz:bce_4 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result5 %t/expected.npz:bce_5 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result6 %t/expected.npz:bce_6 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result7 %t/expected.npz:bce_7 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result8 %t/expected.npz:bce_8 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result9 %t/expected.npz:bce_9 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result10 %t/expected.npz:bce_10 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/bce.npz:result11 %t/expected.npz:bce_11 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result0 %t/expected.npz:mse_0 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result1 %t/expected.npz:mse_1 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result2 %t/expected.npz:mse_2 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result3 %t/expected.npz:mse_3 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result4 %t/expected.npz:mse_4 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result5 %t/expected.npz:mse_5 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result6 %t/expected.npz:mse_6 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result7 %t/expected.npz:mse_7 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result8 %t/expected.npz:mse_8 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result9 %t/expected.npz:mse_9 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result10 %t/expected.npz:mse_10 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH1
// RUN: %python %S/Inputs/compare_npy.py %t/mse.npz:result11 %t/expected.npz:mse_11 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH24
// MATCH1: MATCH 1 values
// MATCH24: MATCH 24 values

func.func @sparse_tiny(%x: tensor<3x2xf32>, %l: tensor<3xi32>) -> (tensor<3xf32>, tensor<f32>, tensor<f32>) {
  %0 = nn.sparse_softmax_cross_entropy %x, %l reduction = none : (tensor<3x2xf32>, tensor<3xi32>) -> tensor<3xf32>
  %1 = nn.sparse_softmax_cross_entropy %x, %l : (tensor<3x2xf32>, tensor<3xi32>) -> tensor<f32>
  %2 = nn.sparse_softmax_cross_entropy %x, %l reduction = sum : (tensor<3x2xf32>, tensor<3xi32>) -> tensor<f32>
  return %0, %1, %2 : tensor<3xf32>, tensor<f32>, tensor<f32>
}

func.func @sparse_masked(%x: tensor<3x2xf32>, %l: tensor<3xi32>, %m: tensor<3xi1>) -> (tensor<f32>, tensor<3xf32>) {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m : (tensor<3x2xf32>, tensor<3xi32>, tensor<3xi1>) -> tensor<f32>
  %1 = nn.sparse_softmax_cross_entropy %x, %l mask %m reduction = none : (tensor<3x2xf32>, tensor<3xi32>, tensor<3xi1>) -> tensor<3xf32>
  return %0, %1 : tensor<f32>, tensor<3xf32>
}

func.func @softmax_tiny(%x: tensor<2x2xf32>, %t: tensor<2x2xf32>) -> (tensor<2xf32>, tensor<f32>) {
  %0 = nn.softmax_cross_entropy %x, %t reduction = none : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2xf32>
  %1 = nn.softmax_cross_entropy %x, %t : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<f32>
  return %0, %1 : tensor<2xf32>, tensor<f32>
}

func.func @bce_tiny(%x: tensor<3x2xf32>, %z: tensor<3x2xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %0 = nn.sigmoid_binary_cross_entropy %x, %z reduction = none : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3xf32>
  %1 = nn.sigmoid_binary_cross_entropy %x, %z : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<f32>
  return %0, %1 : tensor<3xf32>, tensor<f32>
}

func.func @mse_tiny(%p: tensor<2x2xf32>, %t: tensor<2x2xf32>, %m: tensor<2xi1>, %w: tensor<2xf32>)
    -> (tensor<2xf32>, tensor<f32>, tensor<f32>, tensor<f32>,
        tensor<2xf32>, tensor<f32>, tensor<f32>, tensor<f32>,
        tensor<2xf32>, tensor<f32>, tensor<f32>, tensor<f32>,
        tensor<2xf32>, tensor<f32>, tensor<f32>, tensor<f32>) {
  %0 = nn.mean_squared_error %p, %t reduction = none : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2xf32>
  %1 = nn.mean_squared_error %p, %t : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<f32>
  %2 = nn.mean_squared_error %p, %t reduction = sum : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<f32>
  %3 = nn.mean_squared_error %p, %t reduction = mean_with_sample_weight : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<f32>
  %4 = nn.mean_squared_error %p, %t sample_weight %w reduction = none : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %5 = nn.mean_squared_error %p, %t sample_weight %w : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<f32>
  %6 = nn.mean_squared_error %p, %t sample_weight %w reduction = sum : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<f32>
  %7 = nn.mean_squared_error %p, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<f32>
  %8 = nn.mean_squared_error %p, %t mask %m reduction = none : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>) -> tensor<2xf32>
  %9 = nn.mean_squared_error %p, %t mask %m : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>) -> tensor<f32>
  %10 = nn.mean_squared_error %p, %t mask %m reduction = sum : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>) -> tensor<f32>
  %11 = nn.mean_squared_error %p, %t mask %m reduction = mean_with_sample_weight : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>) -> tensor<f32>
  %12 = nn.mean_squared_error %p, %t mask %m sample_weight %w reduction = none : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>, tensor<2xf32>) -> tensor<2xf32>
  %13 = nn.mean_squared_error %p, %t mask %m sample_weight %w : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>, tensor<2xf32>) -> tensor<f32>
  %14 = nn.mean_squared_error %p, %t mask %m sample_weight %w reduction = sum : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>, tensor<2xf32>) -> tensor<f32>
  %15 = nn.mean_squared_error %p, %t mask %m sample_weight %w reduction = mean_with_sample_weight : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>, tensor<2xf32>) -> tensor<f32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15
      : tensor<2xf32>, tensor<f32>, tensor<f32>, tensor<f32>,
        tensor<2xf32>, tensor<f32>, tensor<f32>, tensor<f32>,
        tensor<2xf32>, tensor<f32>, tensor<f32>, tensor<f32>,
        tensor<2xf32>, tensor<f32>, tensor<f32>, tensor<f32>
}

func.func @one_example(%x: tensor<3xf32>, %l: tensor<i32>, %m: tensor<i1>, %w: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m sample_weight %w : (tensor<3xf32>, tensor<i32>, tensor<i1>, tensor<f32>) -> tensor<f32>
  %1 = nn.sparse_softmax_cross_entropy %x, %l reduction = none : (tensor<3xf32>, tensor<i32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}

func.func @masked_sequence(%x: tensor<2x3x1xf32>, %t: tensor<2x3x1xf32>) -> tensor<f32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<2x3x1xf32> -> tensor<2x3x1xf32>, tensor<2x3xi1>
  %0 = nn.mean_squared_error %d, %t : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @mse_mean(%p: tensor<2x2xf32>, %t: tensor<2x2xf32>) -> tensor<f32> {
  %0 = nn.mean_squared_error %p, %t : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @mse_masked(%p: tensor<2x2xf32>, %t: tensor<2x2xf32>, %m: tensor<2xi1>) -> tensor<f32> {
  %0 = nn.mean_squared_error %p, %t mask %m : (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xi1>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @bce_mean(%x: tensor<1x2xf32>, %z: tensor<1x2xf32>) -> tensor<f32> {
  %0 = nn.sigmoid_binary_cross_entropy %x, %z : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @sparse_mean(%x: tensor<1x3xf32>, %l: tensor<1xi32>) -> tensor<f32> {
  %0 = nn.sparse_softmax_cross_entropy %x, %l : (tensor<1x3xf32>, tensor<1xi32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @sparse_all(%x: tensor<4x6x7xf32>, %t: tensor<4x6xi32>, %xp: tensor<4x6x7xf32>, %tp: tensor<4x6xi32>, %m: tensor<4x6xi1>, %w: tensor<4x6xf32>, %wp: tensor<4x6xf32>)
    -> (tensor<4x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>) {
  %0 = nn.sparse_softmax_cross_entropy %x, %t reduction = none : (tensor<4x6x7xf32>, tensor<4x6xi32>) -> tensor<4x6xf32>
  %1 = nn.sparse_softmax_cross_entropy %x, %t : (tensor<4x6x7xf32>, tensor<4x6xi32>) -> tensor<f32>
  %2 = nn.sparse_softmax_cross_entropy %x, %t reduction = sum : (tensor<4x6x7xf32>, tensor<4x6xi32>) -> tensor<f32>
  %3 = nn.sparse_softmax_cross_entropy %x, %t reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6xi32>) -> tensor<f32>
  %4 = nn.sparse_softmax_cross_entropy %xp, %tp mask %m : (tensor<4x6x7xf32>, tensor<4x6xi32>, tensor<4x6xi1>) -> tensor<f32>
  %5 = nn.sparse_softmax_cross_entropy %x, %t sample_weight %w : (tensor<4x6x7xf32>, tensor<4x6xi32>, tensor<4x6xf32>) -> tensor<f32>
  %6 = nn.sparse_softmax_cross_entropy %xp, %tp mask %m sample_weight %wp : (tensor<4x6x7xf32>, tensor<4x6xi32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %7 = nn.sparse_softmax_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = sum : (tensor<4x6x7xf32>, tensor<4x6xi32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %8 = nn.sparse_softmax_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6xi32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %9 = nn.sparse_softmax_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = none : (tensor<4x6x7xf32>, tensor<4x6xi32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<4x6xf32>
  %10 = nn.sparse_softmax_cross_entropy %x, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6xi32>, tensor<4x6xf32>) -> tensor<f32>
  %11 = nn.sparse_softmax_cross_entropy %xp, %tp mask %m reduction = none : (tensor<4x6x7xf32>, tensor<4x6xi32>, tensor<4x6xi1>) -> tensor<4x6xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<4x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>
}

func.func @softmax_all(%x: tensor<4x6x7xf32>, %t: tensor<4x6x7xf32>, %xp: tensor<4x6x7xf32>, %tp: tensor<4x6x7xf32>, %m: tensor<4x6xi1>, %w: tensor<4x6xf32>, %wp: tensor<4x6xf32>)
    -> (tensor<4x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>) {
  %0 = nn.softmax_cross_entropy %x, %t reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<4x6xf32>
  %1 = nn.softmax_cross_entropy %x, %t : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %2 = nn.softmax_cross_entropy %x, %t reduction = sum : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %3 = nn.softmax_cross_entropy %x, %t reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %4 = nn.softmax_cross_entropy %xp, %tp mask %m : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>) -> tensor<f32>
  %5 = nn.softmax_cross_entropy %x, %t sample_weight %w : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xf32>) -> tensor<f32>
  %6 = nn.softmax_cross_entropy %xp, %tp mask %m sample_weight %wp : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %7 = nn.softmax_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = sum : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %8 = nn.softmax_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %9 = nn.softmax_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<4x6xf32>
  %10 = nn.softmax_cross_entropy %x, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xf32>) -> tensor<f32>
  %11 = nn.softmax_cross_entropy %xp, %tp mask %m reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>) -> tensor<4x6xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<4x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>
}

func.func @bce_all(%x: tensor<4x6x7xf32>, %t: tensor<4x6x7xf32>, %xp: tensor<4x6x7xf32>, %tp: tensor<4x6x7xf32>, %m: tensor<4x6xi1>, %w: tensor<4x6xf32>, %wp: tensor<4x6xf32>)
    -> (tensor<4x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>) {
  %0 = nn.sigmoid_binary_cross_entropy %x, %t reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<4x6xf32>
  %1 = nn.sigmoid_binary_cross_entropy %x, %t : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %2 = nn.sigmoid_binary_cross_entropy %x, %t reduction = sum : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %3 = nn.sigmoid_binary_cross_entropy %x, %t reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %4 = nn.sigmoid_binary_cross_entropy %xp, %tp mask %m : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>) -> tensor<f32>
  %5 = nn.sigmoid_binary_cross_entropy %x, %t sample_weight %w : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xf32>) -> tensor<f32>
  %6 = nn.sigmoid_binary_cross_entropy %xp, %tp mask %m sample_weight %wp : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %7 = nn.sigmoid_binary_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = sum : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %8 = nn.sigmoid_binary_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %9 = nn.sigmoid_binary_cross_entropy %xp, %tp mask %m sample_weight %wp reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<4x6xf32>
  %10 = nn.sigmoid_binary_cross_entropy %x, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xf32>) -> tensor<f32>
  %11 = nn.sigmoid_binary_cross_entropy %xp, %tp mask %m reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>) -> tensor<4x6xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<4x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>
}

func.func @mse_all(%x: tensor<4x6x7xf32>, %t: tensor<4x6x7xf32>, %xp: tensor<4x6x7xf32>, %tp: tensor<4x6x7xf32>, %m: tensor<4x6xi1>, %w: tensor<4x6xf32>, %wp: tensor<4x6xf32>)
    -> (tensor<4x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>) {
  %0 = nn.mean_squared_error %x, %t reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<4x6xf32>
  %1 = nn.mean_squared_error %x, %t : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %2 = nn.mean_squared_error %x, %t reduction = sum : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %3 = nn.mean_squared_error %x, %t reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>) -> tensor<f32>
  %4 = nn.mean_squared_error %xp, %tp mask %m : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>) -> tensor<f32>
  %5 = nn.mean_squared_error %x, %t sample_weight %w : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xf32>) -> tensor<f32>
  %6 = nn.mean_squared_error %xp, %tp mask %m sample_weight %wp : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %7 = nn.mean_squared_error %xp, %tp mask %m sample_weight %wp reduction = sum : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %8 = nn.mean_squared_error %xp, %tp mask %m sample_weight %wp reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<f32>
  %9 = nn.mean_squared_error %xp, %tp mask %m sample_weight %wp reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>, tensor<4x6xf32>) -> tensor<4x6xf32>
  %10 = nn.mean_squared_error %x, %t sample_weight %w reduction = mean_with_sample_weight : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xf32>) -> tensor<f32>
  %11 = nn.mean_squared_error %xp, %tp mask %m reduction = none : (tensor<4x6x7xf32>, tensor<4x6x7xf32>, tensor<4x6xi1>) -> tensor<4x6xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<4x6xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<4x6xf32>, tensor<f32>, tensor<4x6xf32>
}

