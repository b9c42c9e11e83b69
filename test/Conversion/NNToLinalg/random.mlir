// RUN: nn-opt %s -split-input-file --convert-nn-to-linalg | FileCheck %s

// Keys become tensor<2xi32> at function boundaries; threefry is i32
// arithmetic in a linalg.generic over the element index: 20 rounds of
// add / rotate (shl, shrui, ori) / xor.
// CHECK-LABEL: func.func @bits
// CHECK-SAME: (%[[K:.*]]: tensor<2xi32>) -> tensor<4x8xi32>
// CHECK-DAG: %[[K0:.*]] = tensor.extract %[[K]][%{{.*}}] : tensor<2xi32>
// CHECK-DAG: %[[K1:.*]] = tensor.extract %[[K]][%{{.*}}] : tensor<2xi32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: linalg.index 0
// CHECK: linalg.index 1
// CHECK-COUNT-20: arith.shli
// CHECK-NOT: arith.shli
// CHECK: linalg.yield %{{.*}} : i32
func.func @bits(%k: !nn.key) -> tensor<4x8xi32> {
  %0 = nn.rng.bits %k : tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}

// -----

// Key arrays are [N, 2] words; a constant seed is a constant key.
// CHECK-LABEL: func.func @split
// CHECK: arith.constant dense<[0, 42]> : tensor<2xi32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<3x2xi32>)
// CHECK: tensor.extract_slice %{{.*}}[1, 0] [1, 2] [1, 1] : tensor<3x2xi32> to tensor<2xi32>
// CHECK: return %{{.*}} : tensor<2xi32>
func.func @split() -> !nn.key {
  %k = nn.rng.key seed = 42 : !nn.key
  %ks = nn.rng.split %k : !nn.key -> tensor<3x!nn.key>
  %k1 = nn.rng.key_at %ks[1] : tensor<3x!nn.key>
  return %k1 : !nn.key
}

// -----

// uniform: 23 mantissa bits under exponent 0, minus one, then a separate
// multiply and add (no FMA), clamped below at minval.
// CHECK-LABEL: func.func @uniform
// CHECK: %[[M:.*]] = arith.shrui %{{.*}}, %c9_i32 : i32
// CHECK: %[[O:.*]] = arith.ori %[[M]], %c1065353216_i32 : i32
// CHECK: %[[F:.*]] = arith.bitcast %[[O]] : i32 to f32
// CHECK: %[[U:.*]] = arith.subf %[[F]], %{{.*}} : f32
// CHECK: %[[S:.*]] = arith.mulf %[[U]], %{{.*}} : f32
// CHECK: %[[A:.*]] = arith.addf %[[S]], %{{.*}} : f32
// CHECK: arith.maximumf %{{.*}}, %[[A]] : f32
func.func @uniform(%k: !nn.key) -> tensor<16xf32> {
  %0 = nn.rng.uniform %k minval = -1.0 maxval = 1.0 : tensor<16xf32>
  return %0 : tensor<16xf32>
}
