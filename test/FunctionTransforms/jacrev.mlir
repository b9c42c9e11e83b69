// RUN: nn-opt %s --nn-jacrev="function=f wrt=0,1" | FileCheck %s
// RUN: nn-opt %s --nn-jacrev="function=f wrt=2" -verify-diagnostics -o /dev/null -split-input-file

// Per result, per argument, [out..., in...]; the helpers are gone.
// CHECK-LABEL: func.func @f_jacrev
// CHECK-SAME:  (%{{.*}}: tensor<2x3xf32>, %{{.*}}: tensor<3x4xf32>)
// CHECK-SAME:  -> (tensor<2x4x2x3xf32>, tensor<2x4x3x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>)
// CHECK-NOT:   __nn_jacrev
// expected-error @below {{nn-jacrev: argument 2 does not exist (@f has 2 arguments)}}
func.func @f(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> (tensor<2x4xf32>, tensor<f32>) {
  %0 = nn.dense %x, %w : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>],
                       iterator_types = ["reduction", "reduction"]}
      ins(%0 : tensor<2x4xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %sum = arith.addf %out, %in : f32
    linalg.yield %sum : f32
  } -> tensor<f32>
  return %0, %s : tensor<2x4xf32>, tensor<f32>
}
