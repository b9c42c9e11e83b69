// nn-train-step end to end, by hand. loss(w, x, t) = sum((x w - t)^2) with
// x = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], w = [[1, 2], [3, 4],
// [5, 6]], t = 0: loss = 316, g = d loss / d w = 2 x^T (x w) =
// [[20, 28], [24, 32], [28, 36]].

// The step donates w and the optimizer state (the default): nn-jit prints
// the updated values from the input buffers, which the step overwrote; with
// donate=false they come from buffers of their own, the same numbers.

// SGD, lr = 0.01: w' = w - 0.01 g.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.01})' \
// RUN:   --function=loss_train_step --input=3x2xf32=1,2,3,4,5,6 \
// RUN:   --input=4x3xf32=1,0,0,0,1,0,0,0,1,1,1,1 --input=4x2xf32=0,0,0,0,0,0,0,0 | FileCheck %s --check-prefix=SGD
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=sgd learning-rate=0.01 donate=false})' \
// RUN:   --function=loss_train_step --input=3x2xf32=1,2,3,4,5,6 \
// RUN:   --input=4x3xf32=1,0,0,0,1,0,0,0,1,1,1,1 --input=4x2xf32=0,0,0,0,0,0,0,0 | FileCheck %s --check-prefix=SGD
// SGD:      result 0 (w): tensor<3x2xf32>
// SGD-NEXT: {{\[}}[0.8, 1.72],
// SGD-NEXT:  [2.76, 3.68],
// SGD-NEXT:  [4.72, 5.64]]
// SGD-NEXT: result 1: tensor<f32>
// SGD-NEXT: 316

// Adam's first step, lr = 0.1, from zero moments: m' = 0.1 g,
// v' = 0.001 g^2, and the bias-corrected step is lr * g / |g| (epsilon is
// below float32's resolution here): w' = w - 0.1; the count becomes 1.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=loss optimizer=adam learning-rate=0.1})' \
// RUN:   --function=loss_train_step --input=3x2xf32=1,2,3,4,5,6 \
// RUN:   --input=4x3xf32=1,0,0,0,1,0,0,0,1,1,1,1 --input=4x2xf32=0,0,0,0,0,0,0,0 \
// RUN:   --input=3x2xf32=0,0,0,0,0,0 --input=3x2xf32=0,0,0,0,0,0 --input=i32=0 | FileCheck %s --check-prefix=ADAM
// ADAM:      result 0 (w): tensor<3x2xf32>
// ADAM-NEXT: {{\[}}[0.9, 1.9],
// ADAM-NEXT:  [2.9, 3.9],
// ADAM-NEXT:  [4.9, 5.9]]
// ADAM-NEXT: result 1 (w.m): tensor<3x2xf32>
// ADAM-NEXT: {{\[}}[2, 2.8],
// ADAM-NEXT:  [2.4, 3.2],
// ADAM-NEXT:  [2.8, 3.6]]
// ADAM-NEXT: result 2 (w.v): tensor<3x2xf32>
// ADAM-NEXT: {{\[}}[0.4, 0.784],
// ADAM-NEXT:  [0.576, 1.024],
// ADAM-NEXT:  [0.784, 1.296]]
// ADAM-NEXT: result 3 (step): tensor<i32>
// ADAM-NEXT: 1
// ADAM-NEXT: result 4: tensor<f32>
// ADAM-NEXT: 316

#all = affine_map<(d0, d1) -> (d0, d1)>
#none = affine_map<(d0, d1) -> ()>
func.func @loss(%w: tensor<3x2xf32> {nn.name = "w"}, %x: tensor<4x3xf32>, %t: tensor<4x2xf32>) -> tensor<f32> {
  %y = nn.dense %x, %w : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %d = arith.subf %y, %t : tensor<4x2xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction", "reduction"]}
      ins(%d : tensor<4x2xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %in : f32
    %sum = arith.addf %out, %sq : f32
    linalg.yield %sum : f32
  } -> tensor<f32>
  return %s : tensor<f32>
}
