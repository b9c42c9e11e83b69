// Case 5 of docs/Motivation.md: the prediction plus each hidden layer's pre-
// and post-activation values, returned by name from one compiled function
// and checked against NumPy (|d| <= 1e-5 |ref| + 1e-5: float32, tanh
// polynomial).
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: %python %S/Inputs/activations_reference.py make %t
// RUN: nn-jit %s --export-activations --params=@%t/params.npz --input=@%t/x.npy --output=@%t/acts.npz | FileCheck %s --check-prefix=PRINT
// PRINT:      @mlp
// PRINT-NEXT: result 0 (prediction): tensor<5x3xf32>
// PRINT:      result 1 (h1_pre): tensor<5x16xf32>
// PRINT:      result 2 (h1_post): tensor<5x16xf32>
// PRINT:      result 3 (h2_pre): tensor<5x8xf32>
// PRINT:      result 4 (h2_post): tensor<5x8xf32>
// RUN: %python %S/Inputs/activations_reference.py check %t/acts.npz %t/expected.npz | FileCheck %s --check-prefix=CHECKED
// CHECKED: names: prediction h1_pre h1_post h2_pre h2_post
// CHECKED-NEXT: prediction 5x3 MATCH
// CHECKED-NEXT: h1_pre 5x16 MATCH
// CHECKED-NEXT: h1_post 5x16 MATCH
// CHECKED-NEXT: h2_pre 5x8 MATCH
// CHECKED-NEXT: h2_post 5x8 MATCH
// Without the flag, the function returns its prediction only.
// RUN: nn-jit %s --params=@%t/params.npz --input=@%t/x.npy | FileCheck %s --check-prefix=PLAIN
// PLAIN: result 0 (prediction): tensor<5x3xf32>
// PLAIN-NOT: result 1

func.func private @hidden(%x: tensor<5x4xf32>, %w1: tensor<4x16xf32>, %b1: tensor<16xf32>) -> tensor<5x16xf32> {
  %pre = nn.dense %x, %w1, %b1 {nn.export = "h1_pre"} : (tensor<5x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<5x16xf32>
  %post = nn.relu %pre {nn.export = "h1_post"} : tensor<5x16xf32>
  return %post : tensor<5x16xf32>
}

func.func @mlp(%x: tensor<5x4xf32>,
               %w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
               %w2: tensor<16x8xf32> {nn.name = "w2"}, %b2: tensor<8xf32> {nn.name = "b2"},
               %w3: tensor<8x3xf32> {nn.name = "w3"}) -> (tensor<5x3xf32> {nn.name = "prediction"}) {
  %h1 = func.call @hidden(%x, %w1, %b1) : (tensor<5x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<5x16xf32>
  %pre = nn.dense %h1, %w2, %b2 {nn.export = "h2_pre"} : (tensor<5x16xf32>, tensor<16x8xf32>, tensor<8xf32>) -> tensor<5x8xf32>
  %post = nn.tanh %pre {nn.export = "h2_post"} : tensor<5x8xf32>
  %y = nn.dense %post, %w3 : (tensor<5x8xf32>, tensor<8x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}
