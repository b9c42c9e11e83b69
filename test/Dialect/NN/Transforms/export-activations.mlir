// RUN: nn-opt %s -split-input-file --nn-export-activations -verify-diagnostics | FileCheck %s
// RUN: nn-opt %s -split-input-file --nn-export-activations=all-layers=true -verify-diagnostics | FileCheck %s --check-prefix=ALL

// CHECK-LABEL: func.func @net
// CHECK-SAME: -> (tensor<2x3xf32>, tensor<2x3xf32> {nn.name = "pre"})
// CHECK: %[[PRE:.*]] = nn.dense
// CHECK-NOT: nn.export
// CHECK: return %{{.*}}, %[[PRE]]
// CHECK-LABEL: func.func @user
// CHECK: %[[R:.*]]:2 = call @net
// CHECK: return %[[R]]#0
// ALL-LABEL: func.func @net
// ALL-SAME: -> (tensor<2x3xf32>, tensor<2x3xf32> {nn.name = "pre"}, tensor<2x3xf32> {nn.name = "relu_0"})
func.func @net(%x: tensor<2x4xf32>, %w: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %pre = nn.dense %x, %w {nn.export = "pre"} : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  %post = nn.relu %pre : tensor<2x3xf32>
  return %post : tensor<2x3xf32>
}
func.func @user(%x: tensor<2x4xf32>, %w: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %0 = func.call @net(%x, %w) : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @in_region(%x: tensor<2xf32>, %c: i1) -> tensor<2xf32> {
  %0 = scf.if %c -> tensor<2xf32> {
    // expected-error @+1 {{cannot export a value defined inside a region}}
    %r = nn.relu %x {nn.export = "inner"} : tensor<2xf32>
    scf.yield %r : tensor<2xf32>
  } else {
    scf.yield %x : tensor<2xf32>
  }
  return %0 : tensor<2xf32>
}
