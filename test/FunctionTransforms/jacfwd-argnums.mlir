// RUN: nn-opt %s --nn-jacfwd="function=f wrt=0,1" | FileCheck %s

// Several wrt arguments, as jax.jacfwd(f, argnums=(0, 1)): f returns (y, z),
// JAX returns ((dy/dx, dy/dw), (dz/dx, dz/dw)), flattened in that order.
// Each Jacobian is the result's shape followed by the argument's shape; one
// batched function per argument, over its own basis.
// CHECK-LABEL: func.func @f_jacfwd(
// CHECK-SAME: %{{.*}}: tensor<2x4xf32>, %{{.*}}: tensor<4x3xf32>)
// CHECK-SAME: -> (tensor<2x3x2x4xf32>, tensor<2x3x4x3xf32>, tensor<2x4x2x4xf32>, tensor<2x4x4x3xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<8x2x4xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<12x4x3xf32>)
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3x2x4xf32>, tensor<2x3x4x3xf32>, tensor<2x4x2x4xf32>, tensor<2x4x4x3xf32>
// CHECK-NOT: func.func
func.func @f(%x: tensor<2x4xf32>, %w: tensor<4x3xf32>) -> (tensor<2x3xf32>, tensor<2x4xf32>) {
  %0 = nn.dense %x, %w : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  %1 = nn.relu %x : tensor<2x4xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x4xf32>
}
