// RUN: nn-opt %s -split-input-file --nn-jvp=function=f -verify-diagnostics | FileCheck %s

// The JVP of dense + relu: a dual linalg.generic computes value and tangent
// together; relu's tangent is a select on x > 0 (a tie gives the zero
// tangent of the constant 0).
// CHECK-LABEL: func.func @f_jvp
// CHECK-SAME: (%{{.*}}: tensor<2x4xf32>, %{{.*}}: tensor<4x3xf32>, %{{.*}}: tensor<2x4xf32>, %{{.*}}: tensor<4x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK: linalg.generic
// CHECK: arith.cmpf ogt
// CHECK: arith.select
// CHECK: return %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<2x3xf32>
func.func @f(%x: tensor<2x4xf32>, %w: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %h = nn.dense %x, %w : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  %y = nn.relu %h : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// A call of a function without a body cannot be inlined into the copy.
func.func private @h(%x: tensor<4xf32>) -> tensor<4xf32>
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{nn-jvp: cannot transform a call of 'h', which has no body}}
  %0 = func.call @h(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{nn-jvp has no rule for 'math.atan'}}
  %0 = math.atan %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
