// RUN: nn-opt %s -split-input-file --convert-nn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @relu
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R:.*]] = arith.maximumf %[[X]], %{{.*}} : f32
// CHECK: linalg.yield %[[R]]
func.func @relu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = nn.relu %x : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @gelu_exact
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[RSQRT2:.*]] = arith.constant 0.707106769 : f32
// CHECK: %[[S:.*]] = arith.mulf %[[X]], %[[RSQRT2]] : f32
// CHECK: %[[E:.*]] = math.erf %[[S]] : f32
// CHECK: %[[H:.*]] = arith.mulf %[[HALF]], %[[X]] : f32
// CHECK: %[[P:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK: %[[R:.*]] = arith.mulf %[[H]], %[[P]] : f32
// CHECK: linalg.yield %[[R]]
func.func @gelu_exact(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.gelu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @gelu_tanh
// CHECK-DAG: arith.constant 4.471500e-02 : f32
// CHECK-DAG: arith.constant 0.797884583 : f32
// CHECK: math.tanh
// CHECK-NOT: math.erf
func.func @gelu_tanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.gelu %x approximation = tanh : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @sigmoid
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[GE:.*]] = arith.cmpf oge, %[[X]], %{{.*}} : f32
// CHECK: %[[N:.*]] = arith.negf %[[X]] : f32
// CHECK: %[[Z:.*]] = arith.select %[[GE]], %[[N]], %[[X]] : f32
// CHECK: %[[E:.*]] = math.exp %[[Z]] : f32
// CHECK: %[[D:.*]] = arith.addf %{{.*}}, %[[E]] : f32
// CHECK: %[[R:.*]] = arith.divf %{{.*}}, %[[D]] : f32
// CHECK: %[[ER:.*]] = arith.mulf %[[E]], %[[R]] : f32
// CHECK: %[[S:.*]] = arith.select %[[GE]], %[[R]], %[[ER]] : f32
// CHECK: linalg.yield %[[S]]
func.func @sigmoid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.sigmoid %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @tanh
// CHECK: math.tanh
func.func @tanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.tanh %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
