// RUN: nn-opt %s --nn-jacfwd="function=f wrt=1" | FileCheck %s

// The Jacobian of y = relu(x W) (y: 2x3) w.r.t. W (4x3) is 2x3x4x3: one
// batched function over the 12 basis vectors, built in place (no constant),
// then laid out as output shape followed by input shape. The helper
// functions are gone and the original stays.
// CHECK-LABEL: func.func @f(
// CHECK: nn.dense
// CHECK-NOT: func.func @__nn_jacfwd
// CHECK-LABEL: func.func @f_jacfwd(
// CHECK-SAME: %{{.*}}: tensor<2x4xf32>, %{{.*}}: tensor<4x3xf32>) -> tensor<2x3x4x3xf32>
// CHECK-NOT: arith.constant dense<{{.*}}> : tensor<12x4x3xf32>
// CHECK: %[[BASIS:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<12x4x3xf32>)
// CHECK: linalg.index 0
// CHECK: arith.cmpi eq
// CHECK: arith.select
// CHECK: %[[T:.*]] = linalg.transpose ins(%{{.*}} : tensor<12x2x3xf32>) outs(%{{.*}} : tensor<2x3x12xf32>) permutation = [1, 2, 0]
// CHECK: %[[J:.*]] = tensor.expand_shape %[[T]] {{\[}}[0], [1], [2, 3]] output_shape [2, 3, 4, 3] : tensor<2x3x12xf32> into tensor<2x3x4x3xf32>
// CHECK: return %[[J]] : tensor<2x3x4x3xf32>
// CHECK-NOT: func.func
func.func @f(%x: tensor<2x4xf32>, %w: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %0 = nn.dense %x, %w : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  %1 = nn.relu %0 : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}
