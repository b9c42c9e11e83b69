// RUN: nn-opt %s -split-input-file --convert-nn-to-linalg | FileCheck %s
// RUN: nn-opt %s -split-input-file --convert-nn-to-linalg --cse | FileCheck %s --check-prefix=CSE

// Plain SGD: p - lr * g, the learning rate read once from its tensor.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @sgd
// CHECK-SAME: (%[[P:[^:]*]]: tensor<4x8xf32>, %[[G:[^:]*]]: tensor<4x8xf32>, %[[LR:[^:]*]]: tensor<f32>)
// CHECK: %[[RATE:.*]] = tensor.extract %[[LR]][] : tensor<f32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[P]], %[[G]] : tensor<4x8xf32>, tensor<4x8xf32>) outs(%{{.*}} : tensor<4x8xf32>)
// CHECK-NEXT: ^bb0(%[[PV:[^:]*]]: f32, %[[GV:[^:]*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[STEP:.*]] = arith.mulf %[[RATE]], %[[GV]] : f32
// CHECK-NEXT: %[[NEW:.*]] = arith.subf %[[PV]], %[[STEP]] : f32
// CHECK-NEXT: linalg.yield %[[NEW]] : f32
func.func @sgd(%p: tensor<4x8xf32>, %g: tensor<4x8xf32>, %lr: tensor<f32>) -> tensor<4x8xf32> {
  %0 = nn.sgd_update %p, %g lr %lr : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Momentum: one generic with two results (parameter, buffer), so that each
// tensor is read and written once: b' = mu * b + g, then p - lr * b'.
// CHECK-LABEL: func.func @momentum
// CHECK-SAME: (%[[P:[^:]*]]: tensor<5xf32>, %[[G:[^:]*]]: tensor<5xf32>, %[[B:[^:]*]]: tensor<5xf32>, %[[LR:[^:]*]]: tensor<f32>)
// CHECK: %[[RATE:.*]] = tensor.extract %[[LR]][] : tensor<f32>
// CHECK: %[[R:.*]]:2 = linalg.generic {{.*}} ins(%[[P]], %[[G]], %[[B]] : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) outs(%{{.*}}, %{{.*}} : tensor<5xf32>, tensor<5xf32>)
// CHECK-NEXT: ^bb0(%[[PV:[^:]*]]: f32, %[[GV:[^:]*]]: f32, %[[BV:[^:]*]]: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[MU:.*]] = arith.constant 0.899999976 : f32
// CHECK-NEXT: %[[MB:.*]] = arith.mulf %[[MU]], %[[BV]] : f32
// CHECK-NEXT: %[[NB:.*]] = arith.addf %[[MB]], %[[GV]] : f32
// CHECK-NEXT: %[[STEP:.*]] = arith.mulf %[[RATE]], %[[NB]] : f32
// CHECK-NEXT: %[[NP:.*]] = arith.subf %[[PV]], %[[STEP]] : f32
// CHECK-NEXT: linalg.yield %[[NP]], %[[NB]] : f32, f32
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @momentum(%p: tensor<5xf32>, %g: tensor<5xf32>, %b: tensor<5xf32>, %lr: tensor<f32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %0:2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 : tensor<5xf32>
  return %0#0, %0#1 : tensor<5xf32>, tensor<5xf32>
}

// -----

// Nesterov: the direction is g + mu * b'.
// CHECK-LABEL: func.func @nesterov
// CHECK: ^bb0(%[[PV:[^:]*]]: f32, %[[GV:[^:]*]]: f32, %[[BV:[^:]*]]: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK: %[[NB:.*]] = arith.addf %{{.*}}, %[[GV]] : f32
// CHECK-NEXT: %[[LOOK:.*]] = arith.mulf %{{.*}}, %[[NB]] : f32
// CHECK-NEXT: %[[DIR:.*]] = arith.addf %[[GV]], %[[LOOK]] : f32
// CHECK-NEXT: %[[STEP:.*]] = arith.mulf %{{.*}}, %[[DIR]] : f32
// CHECK-NEXT: %[[NP:.*]] = arith.subf %[[PV]], %[[STEP]] : f32
// CHECK-NEXT: linalg.yield %[[NP]], %[[NB]] : f32, f32
func.func @nesterov(%p: tensor<5xf32>, %g: tensor<5xf32>, %b: tensor<5xf32>, %lr: tensor<f32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %0:2 = nn.sgd_update %p, %g buffer %b lr %lr momentum = 0.9 nesterov : tensor<5xf32>
  return %0#0, %0#1 : tensor<5xf32>, tensor<5xf32>
}

// -----

// Keras: the velocity v' = mu * v - lr * g is added to the parameter; with
// Nesterov, mu * v' - lr * g is.
// CHECK-LABEL: func.func @keras_nesterov
// CHECK: %[[RATE:.*]] = tensor.extract
// CHECK: ^bb0(%[[PV:[^:]*]]: f32, %[[GV:[^:]*]]: f32, %[[VV:[^:]*]]: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[MU:.*]] = arith.constant 0.899999976 : f32
// CHECK-NEXT: %[[LRG:.*]] = arith.mulf %[[RATE]], %[[GV]] : f32
// CHECK-NEXT: %[[MV:.*]] = arith.mulf %[[MU]], %[[VV]] : f32
// CHECK-NEXT: %[[NV:.*]] = arith.subf %[[MV]], %[[LRG]] : f32
// CHECK-NEXT: %[[MNV:.*]] = arith.mulf %[[MU]], %[[NV]] : f32
// CHECK-NEXT: %[[STEP:.*]] = arith.subf %[[MNV]], %[[LRG]] : f32
// CHECK-NEXT: %[[NP:.*]] = arith.addf %[[PV]], %[[STEP]] : f32
// CHECK-NEXT: linalg.yield %[[NP]], %[[NV]] : f32, f32
func.func @keras_nesterov(%p: tensor<5xf32>, %g: tensor<5xf32>, %v: tensor<5xf32>, %lr: tensor<f32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %0:2 = nn.sgd_update %p, %g buffer %v lr %lr momentum = 0.9 nesterov keras : tensor<5xf32>
  return %0#0, %0#1 : tensor<5xf32>, tensor<5xf32>
}

// -----

// Adam: t = step + 1 (staying at the maximum) is the new count; 1 - b^t,
// the step size lr / (1 - b1^t) and 1 / sqrt(1 - b2^t) are computed once,
// in f64, and rounded to f32; the generic reads the parameter, gradient and
// moments and writes the three updated tensors, with one square root and
// one division per element and no power.
// CHECK-LABEL: func.func @adam
// CHECK-SAME: (%[[P:[^:]*]]: tensor<4x8xf32>, %[[G:[^:]*]]: tensor<4x8xf32>, %[[M:[^:]*]]: tensor<4x8xf32>, %[[V:[^:]*]]: tensor<4x8xf32>, %[[T:[^:]*]]: tensor<i32>, %[[LR:[^:]*]]: tensor<f32>)
// CHECK: %[[STEP:.*]] = tensor.extract %[[T]][] : tensor<i32>
// CHECK-DAG: %[[MAX:.*]] = arith.constant 2147483647 : i32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK: %[[AT_MAX:.*]] = arith.cmpi eq, %[[STEP]], %[[MAX]] : i32
// CHECK: %[[INC:.*]] = arith.addi %[[STEP]], %[[ONE]] : i32
// CHECK: %[[COUNT:.*]] = arith.select %[[AT_MAX]], %[[STEP]], %[[INC]] : i32
// CHECK: %[[NEW_T:.*]] = tensor.from_elements %[[COUNT]] : tensor<i32>
// CHECK: %[[TF:.*]] = arith.sitofp %[[COUNT]] : i32 to f64
// CHECK: %[[B1:.*]] = arith.constant 9.000000e-01 : f64
// CHECK: %[[POW1:.*]] = math.powf %[[B1]], %[[TF]] : f64
// CHECK: %[[C1:.*]] = arith.subf %{{.*}}, %[[POW1]] : f64
// CHECK: %[[B2:.*]] = arith.constant 0.99899999999999999 : f64
// CHECK: %[[POW2:.*]] = math.powf %[[B2]], %[[TF]] : f64
// CHECK: %[[C2:.*]] = arith.subf %{{.*}}, %[[POW2]] : f64
// CHECK: %[[RATE:.*]] = tensor.extract %[[LR]][] : tensor<f32>
// CHECK: %[[RATE64:.*]] = arith.extf %[[RATE]] : f32 to f64
// CHECK: %[[SQRT2:.*]] = math.sqrt %[[C2]] : f64
// CHECK: %[[S64:.*]] = arith.divf %[[RATE64]], %[[C1]] : f64
// CHECK: %[[S:.*]] = arith.truncf %[[S64]] : f64 to f32
// CHECK: %[[INV64:.*]] = arith.divf %{{.*}}, %[[SQRT2]] : f64
// CHECK: %[[INV:.*]] = arith.truncf %[[INV64]] : f64 to f32
// CHECK: %[[R:.*]]:3 = linalg.generic {{.*}} ins(%[[P]], %[[G]], %[[M]], %[[V]] : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) outs(%{{.*}}, %{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>)
// CHECK-NEXT: ^bb0(%[[PV:[^:]*]]: f32, %[[GV:[^:]*]]: f32, %[[MV:[^:]*]]: f32, %[[VV:[^:]*]]: f32,
// CHECK-DAG: %[[B1F:.*]] = arith.constant 0.899999976 : f32
// CHECK-DAG: %[[B2F:.*]] = arith.constant 9.990000e-01 : f32
// CHECK-DAG: %[[OMB1:.*]] = arith.constant 1.000000e-01 : f32
// CHECK-DAG: %[[OMB2:.*]] = arith.constant 1.000000e-03 : f32
// CHECK-DAG: %[[EPS:.*]] = arith.constant 9.99999993E-9 : f32
// CHECK: %[[GG:.*]] = arith.mulf %[[GV]], %[[GV]] : f32
// CHECK-NEXT: %[[T1:.*]] = arith.mulf %[[B1F]], %[[MV]] : f32
// CHECK-NEXT: %[[T2:.*]] = arith.mulf %[[OMB1]], %[[GV]] : f32
// CHECK-NEXT: %[[NM:.*]] = arith.addf %[[T1]], %[[T2]] : f32
// CHECK-NEXT: %[[T3:.*]] = arith.mulf %[[B2F]], %[[VV]] : f32
// CHECK-NEXT: %[[T4:.*]] = arith.mulf %[[OMB2]], %[[GG]] : f32
// CHECK-NEXT: %[[NV:.*]] = arith.addf %[[T3]], %[[T4]] : f32
// CHECK-NEXT: %[[ROOT:.*]] = math.sqrt %[[NV]] : f32
// CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[ROOT]], %[[INV]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[SCALED]], %[[EPS]] : f32
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[NM]], %[[DEN]] : f32
// CHECK-NEXT: %[[UPD:.*]] = arith.mulf %[[S]], %[[Q]] : f32
// CHECK-NEXT: %[[NP:.*]] = arith.subf %[[PV]], %[[UPD]] : f32
// CHECK-NEXT: linalg.yield %[[NP]], %[[NM]], %[[NV]] : f32, f32, f32
// CHECK: return %[[R]]#0, %[[R]]#1, %[[R]]#2, %[[NEW_T]]
func.func @adam(%p: tensor<4x8xf32>, %g: tensor<4x8xf32>, %m: tensor<4x8xf32>, %v: tensor<4x8xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<i32>) {
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr : tensor<4x8xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<i32>
}

// -----

// An i64 count saturates at the i64 maximum.
// CHECK-LABEL: func.func @adam_i64
// CHECK: %[[STEP:.*]] = tensor.extract %{{.*}}[] : tensor<i64>
// CHECK: arith.constant 9223372036854775807 : i64
// CHECK: tensor.from_elements %{{.*}} : tensor<i64>
// CHECK: arith.sitofp %{{.*}} : i64 to f64
func.func @adam_i64(%p: tensor<3xf32>, %t: tensor<i64>, %lr: tensor<f32>) -> (tensor<3xf32>, tensor<i64>) {
  %0:4 = nn.adam_update %p, %p, %p, %p, %t lr %lr : tensor<3xf32>, tensor<i64>
  return %0#0, %0#3 : tensor<3xf32>, tensor<i64>
}

// -----

// Keras' placement: alpha = lr * sqrt(1 - b2^t) / (1 - b1^t) once; per
// element m + (g - m) * (1 - b1), v + (g * g - v) * (1 - b2) and
// p - (m' * alpha) / (sqrt(v') + eps), epsilon outside the correction.
// CHECK-LABEL: func.func @adam_keras
// CHECK: %[[C1:.*]] = arith.subf %{{.*}}, %{{.*}} : f64
// CHECK: %[[C2:.*]] = arith.subf %{{.*}}, %{{.*}} : f64
// CHECK: %[[RATE64:.*]] = arith.extf %{{.*}} : f32 to f64
// CHECK: %[[SQRT2:.*]] = math.sqrt %[[C2]] : f64
// CHECK: %[[NUM:.*]] = arith.mulf %[[RATE64]], %[[SQRT2]] : f64
// CHECK: %[[ALPHA64:.*]] = arith.divf %[[NUM]], %[[C1]] : f64
// CHECK: %[[ALPHA:.*]] = arith.truncf %[[ALPHA64]] : f64 to f32
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[PV:[^:]*]]: f32, %[[GV:[^:]*]]: f32, %[[MV:[^:]*]]: f32, %[[VV:[^:]*]]: f32,
// CHECK-DAG: %[[OMB1:.*]] = arith.constant 1.000000e-01 : f32
// CHECK-DAG: %[[OMB2:.*]] = arith.constant 1.000000e-03 : f32
// CHECK-DAG: %[[EPS:.*]] = arith.constant 1.000000e-07 : f32
// CHECK: %[[GG:.*]] = arith.mulf %[[GV]], %[[GV]] : f32
// CHECK-NEXT: %[[D1:.*]] = arith.subf %[[GV]], %[[MV]] : f32
// CHECK-NEXT: %[[S1:.*]] = arith.mulf %[[D1]], %[[OMB1]] : f32
// CHECK-NEXT: %[[NM:.*]] = arith.addf %[[MV]], %[[S1]] : f32
// CHECK-NEXT: %[[D2:.*]] = arith.subf %[[GG]], %[[VV]] : f32
// CHECK-NEXT: %[[S2:.*]] = arith.mulf %[[D2]], %[[OMB2]] : f32
// CHECK-NEXT: %[[NV:.*]] = arith.addf %[[VV]], %[[S2]] : f32
// CHECK-NEXT: %[[ROOT:.*]] = math.sqrt %[[NV]] : f32
// CHECK-NEXT: %[[DEN:.*]] = arith.addf %[[ROOT]], %[[EPS]] : f32
// CHECK-NEXT: %[[MA:.*]] = arith.mulf %[[NM]], %[[ALPHA]] : f32
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[MA]], %[[DEN]] : f32
// CHECK-NEXT: %[[NP:.*]] = arith.subf %[[PV]], %[[Q]] : f32
// CHECK-NEXT: linalg.yield %[[NP]], %[[NM]], %[[NV]] : f32, f32, f32
func.func @adam_keras(%p: tensor<4x8xf32>, %g: tensor<4x8xf32>, %m: tensor<4x8xf32>, %v: tensor<4x8xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<i32>) {
  %0:4 = nn.adam_update %p, %g, %m, %v, %t lr %lr epsilon = 1.0e-7 keras : tensor<4x8xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<i32>
}

// -----

// AdamW: the factor 1 - lr * wd once, in f64; the parameter is scaled by it
// before the Adam step subtracts from it.
// CHECK-LABEL: func.func @adamw
// CHECK: %[[RATE64:.*]] = arith.extf %{{.*}} : f32 to f64
// CHECK: %[[WD:.*]] = arith.constant 1.000000e-02 : f64
// CHECK: %[[LRWD:.*]] = arith.mulf %[[RATE64]], %[[WD]] : f64
// CHECK: %[[KEEP64:.*]] = arith.subf %{{.*}}, %[[LRWD]] : f64
// CHECK: %[[KEEP:.*]] = arith.truncf %[[KEEP64]] : f64 to f32
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[PV:[^:]*]]: f32,
// CHECK: %[[DECAYED:.*]] = arith.mulf %[[PV]], %[[KEEP]] : f32
// CHECK: %[[NP:.*]] = arith.subf %[[DECAYED]], %{{.*}} : f32
// CHECK-NEXT: linalg.yield %[[NP]],
func.func @adamw(%p: tensor<4x8xf32>, %g: tensor<4x8xf32>, %m: tensor<4x8xf32>, %v: tensor<4x8xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<i32>) {
  %0:4 = nn.adamw_update %p, %g, %m, %v, %t lr %lr weight_decay = 0.01 : tensor<4x8xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<i32>
}

// -----

// Keras' AdamW: p - (p * wd) * lr per element, as Keras writes it.
// CHECK-LABEL: func.func @adamw_keras
// CHECK: %[[RATE:.*]] = tensor.extract %{{.*}}[] : tensor<f32>
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[PV:[^:]*]]: f32,
// CHECK: %[[WD:.*]] = arith.constant 0.00999999977 : f32
// CHECK-NEXT: %[[PWD:.*]] = arith.mulf %[[PV]], %[[WD]] : f32
// CHECK-NEXT: %[[PWDLR:.*]] = arith.mulf %[[PWD]], %[[RATE]] : f32
// CHECK-NEXT: %[[DECAYED:.*]] = arith.subf %[[PV]], %[[PWDLR]] : f32
// CHECK: %[[NP:.*]] = arith.subf %[[DECAYED]], %{{.*}} : f32
// CHECK-NEXT: linalg.yield %[[NP]],
func.func @adamw_keras(%p: tensor<4x8xf32>, %g: tensor<4x8xf32>, %m: tensor<4x8xf32>, %v: tensor<4x8xf32>, %t: tensor<i32>, %lr: tensor<f32>)
    -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<i32>) {
  %0:4 = nn.adamw_update %p, %g, %m, %v, %t lr %lr weight_decay = 0.01 keras : tensor<4x8xf32>, tensor<i32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<i32>
}

// -----

// A train step updates every parameter with the same count and rate: after
// CSE the count and the scalars are computed once, and each parameter keeps
// its own generic.
// CSE-LABEL: func.func @two_parameters
// CSE-COUNT-1: arith.select
// CSE-COUNT-2: math.powf
// CSE-NOT: math.powf
// CSE: linalg.generic {{.*}} ins({{.*}} : tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>)
// CSE: linalg.generic {{.*}} ins({{.*}} : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CSE-NOT: math.powf
// CSE: return %{{.*}}, %{{.*}}, %[[T:.*]], %[[T]] :
func.func @two_parameters(%w: tensor<8x4xf32>, %gw: tensor<8x4xf32>, %b: tensor<4xf32>, %gb: tensor<4xf32>,
                          %t: tensor<i32>, %lr: tensor<f32>) -> (tensor<8x4xf32>, tensor<4xf32>, tensor<i32>, tensor<i32>) {
  %w1, %mw, %vw, %t1 = nn.adam_update %w, %gw, %gw, %gw, %t lr %lr : tensor<8x4xf32>, tensor<i32>
  %b1, %mb, %vb, %t2 = nn.adam_update %b, %gb, %gb, %gb, %t lr %lr : tensor<4xf32>, tensor<i32>
  return %w1, %b1, %t1, %t2 : tensor<8x4xf32>, tensor<4xf32>, tensor<i32>, tensor<i32>
}
