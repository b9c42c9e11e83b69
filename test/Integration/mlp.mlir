// A 784-128-10 MLP (relu, then softmax) on a batch of 4, compiled through the
// registered pipeline and run natively; the expected values come from the
// NumPy reference in Inputs/mlp_reference.py (float64 from the same float32
// inputs). Tolerance: |got - want| <= 1e-5 |want| + 1e-6, float32 rounding
// over 784-term sums plus printMemrefF32's 6 significant digits.
//
// RUN: %python %S/Inputs/mlp_reference.py %s %t.mlir %t.expected.npz
// RUN: nn-opt %t.mlir --nn-lower-to-llvm \
// RUN: | mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.out
// RUN: %python %S/Inputs/runner_harness.py %t.out %t.expected.npz 1e-5 1e-6 | FileCheck %s
// CHECK: MATCH 40 values

func.func @mlp(%x: tensor<4x784xf32>, %w1: tensor<784x128xf32>, %b1: tensor<128xf32>,
               %w2: tensor<128x10xf32>, %b2: tensor<10xf32>) -> tensor<4x10xf32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<4x784xf32>, tensor<784x128xf32>, tensor<128xf32>) -> tensor<4x128xf32>
  %a = nn.relu %h : tensor<4x128xf32>
  %o = nn.dense %a, %w2, %b2 : (tensor<4x128xf32>, tensor<128x10xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  %p = nn.softmax %o : tensor<4x10xf32>
  return %p : tensor<4x10xf32>
}
