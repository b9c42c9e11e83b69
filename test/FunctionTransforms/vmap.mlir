// RUN: nn-opt %s --nn-vmap="function=f in-axes=0,none,0 batch=5" | FileCheck %s

// Batched arguments get the leading axis, shared ones keep their type, a
// batch of keys is marked so runtimes pass keys; the original is untouched.
// CHECK-DAG: #[[$SHARED_W:.+]] = affine_map<(d0, d1, d2, d3) -> (d3, d2)>
// CHECK-DAG: #[[$BATCHED_X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[$BATCHED_OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @f(
// CHECK-SAME: %{{.*}}: tensor<4xf32>, %{{.*}}: tensor<4x2xf32>, %{{.*}}: !nn.key) -> tensor<2xf32>
// CHECK: nn.dense
// CHECK-LABEL: func.func @f_vmap(
// CHECK-SAME: %[[X:.*]]: tensor<5x4xf32>, %[[W:.*]]: tensor<4x2xf32>, %{{.*}}: tensor<5x2xi32> {nn.key}) -> tensor<5x2xf32>
// CHECK-NOT: nn.
// The contraction has one more parallel loop in front; the shared weight is
// read without it.
// CHECK: %[[XE:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2]] output_shape [5, 1, 4]
// CHECK: linalg.generic {indexing_maps = [#[[$BATCHED_X]], #[[$SHARED_W]], #[[$BATCHED_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[XE]], %[[W]] : tensor<5x1x4xf32>, tensor<4x2xf32>) outs(%{{.*}} : tensor<5x1x2xf32>)
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<5x1x2xf32> into tensor<5x2xf32>
// CHECK: arith.maximumf
// CHECK: return %{{.*}} : tensor<5x2xf32>
func.func @f(%x: tensor<4xf32>, %w: tensor<4x2xf32>, %k: !nn.key) -> tensor<2xf32> {
  %h = nn.dense %x, %w : (tensor<4xf32>, tensor<4x2xf32>) -> tensor<2xf32>
  %r = nn.relu %h : tensor<2xf32>
  return %r : tensor<2xf32>
}
