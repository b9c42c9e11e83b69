// RUN: nn-opt %s -split-input-file --convert-nn-to-linalg | FileCheck %s

// Integer labels, masked and weighted: the log-sum-exp with the maximum
// subtracted (max from -inf, then sum exp(x - max), then log), the label's
// logit picked by comparing it with the class index (from NaN: an
// out-of-range label picks nothing; the label never indexes memory), the
// loss lse - (x[label] - max); then one sum over every example where masked
// examples are removed by a select on the mask's bytes (never a multiply),
// the count of kept examples, and a divide-no-nan.
// CHECK-LABEL: func.func @sparse
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>, %[[L:.*]]: tensor<2x3xi32>, %[[M:.*]]: tensor<2x3xi8>, %[[W:.*]]: tensor<2x3xf32>) -> tensor<f32>
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAXINIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32)
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[MAXINIT]] : tensor<2x3xf32>)
// CHECK: arith.maximumf
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[MAX]] : tensor<2x3x4xf32>, tensor<2x3xf32>)
// CHECK: ^bb0(%[[XV:.*]]: f32, %[[MV:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[SHIFTED:.*]] = arith.subf %[[XV]], %[[MV]] : f32
// CHECK: %[[EXP:.*]] = math.exp %[[SHIFTED]] : f32
// CHECK: arith.addf %[[ACC]], %[[EXP]] : f32
// CHECK: %[[LSE:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x3xf32>)
// CHECK: math.log
// CHECK: %[[NAN:.*]] = arith.constant 0x7FC00000 : f32
// CHECK: %[[PICKINIT:.*]] = linalg.fill ins(%[[NAN]] : f32)
// CHECK: %[[PICKED:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[L]] : tensor<2x3x4xf32>, tensor<2x3xi32>) outs(%[[PICKINIT]] : tensor<2x3xf32>)
// CHECK: ^bb0(%[[XV2:.*]]: f32, %[[LV:.*]]: i32, %[[PACC:.*]]: f32):
// CHECK: %[[C:.*]] = linalg.index 2 : index
// CHECK: %[[CI:.*]] = arith.index_cast %[[C]] : index to i32
// CHECK: %[[IS:.*]] = arith.cmpi eq, %[[CI]], %[[LV]] : i32
// CHECK: arith.select %[[IS]], %[[XV2]], %[[PACC]] : f32
// CHECK: %[[LOSS:.*]] = linalg.generic {{.*}} ins(%[[LSE]], %[[PICKED]], %[[MAX]] :
// CHECK: ^bb0(%[[LSEV:.*]]: f32, %[[PV:.*]]: f32, %[[MV2:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[PS:.*]] = arith.subf %[[PV]], %[[MV2]] : f32
// CHECK: arith.subf %[[LSEV]], %[[PS]] : f32
// CHECK: %[[TOTAL:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]} ins(%[[LOSS]], %[[M]], %[[W]] : tensor<2x3xf32>, tensor<2x3xi8>, tensor<2x3xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK: ^bb0(%[[LV2:.*]]: f32, %[[B:.*]]: i8, %[[WV:.*]]: f32, %[[TACC:.*]]: f32):
// CHECK: %[[WEIGHTED:.*]] = arith.mulf %[[LV2]], %[[WV]] : f32
// CHECK: %[[KEPT:.*]] = arith.cmpi ne, %[[B]], %{{.*}} : i8
// CHECK: %[[SEL:.*]] = arith.select %[[KEPT]], %[[WEIGHTED]], %{{.*}} : f32
// CHECK: arith.addf %[[TACC]], %[[SEL]] : f32
// CHECK: %[[COUNT:.*]] = linalg.generic {{.*}} ins(%[[M]] : tensor<2x3xi8>) outs(%{{.*}} : tensor<f32>)
// CHECK: linalg.generic {{.*}} iterator_types = []} ins(%[[TOTAL]], %[[COUNT]] : tensor<f32>, tensor<f32>)
// CHECK: ^bb0(%[[S:.*]]: f32, %[[N:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[NONE:.*]] = arith.cmpf oeq, %[[N]], %[[ZERO]] : f32
// CHECK: %[[Q:.*]] = arith.divf %[[S]], %[[N]] : f32
// CHECK: arith.select %[[NONE]], %[[ZERO]], %[[Q]] : f32
func.func @sparse(%x: tensor<2x3x4xf32>, %l: tensor<2x3xi32>, %m: tensor<2x3xi1>, %w: tensor<2x3xf32>) -> tensor<f32> {
  %0 = nn.sparse_softmax_cross_entropy %x, %l mask %m sample_weight %w : (tensor<2x3x4xf32>, tensor<2x3xi32>, tensor<2x3xi1>, tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Probabilities: -sum_c t * log_softmax(x), a zero target selected to 0
// (0 * -inf would be NaN). reduction = none without mask or weights returns
// the per-example losses as they are.
// CHECK-LABEL: func.func @softmax_ce
// CHECK: %[[MAX:.*]] = linalg.generic
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: %[[LSE:.*]] = linalg.generic
// CHECK: math.log
// CHECK: %[[LOSS:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%{{.*}}, %{{.*}}, %[[MAX]], %[[LSE]] :
// CHECK: ^bb0(%[[XV:.*]]: f32, %[[TV:.*]]: f32, %[[MV:.*]]: f32, %[[LV:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[SHIFTED:.*]] = arith.subf %[[XV]], %[[MV]] : f32
// CHECK: %[[NLP:.*]] = arith.subf %[[LV]], %[[SHIFTED]] : f32
// CHECK: %[[TERM:.*]] = arith.mulf %[[TV]], %[[NLP]] : f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ABSENT:.*]] = arith.cmpf oeq, %[[TV]], %[[ZERO]] : f32
// CHECK: %[[SEL:.*]] = arith.select %[[ABSENT]], %[[ZERO]], %[[TERM]] : f32
// CHECK: arith.addf %[[ACC]], %[[SEL]] : f32
// CHECK: return %[[LOSS]] : tensor<4xf32>
func.func @softmax_ce(%x: tensor<4x10xf32>, %t: tensor<4x10xf32>) -> tensor<4xf32> {
  %0 = nn.softmax_cross_entropy %x, %t reduction = none : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Binary cross-entropy in the stable form max(x, 0) - x z + log1p(exp(-|x|))
// (both max(x, 0) and -|x| selected by one x > 0), the mean over the last
// axis, then sample weights without a mask: the sum divided by the number
// of examples, a constant.
// CHECK-LABEL: func.func @bce
// CHECK-SAME: (%{{.*}}: tensor<4x3xf32>, %{{.*}}: tensor<4x3xf32>, %[[W:.*]]: tensor<4xf32>)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]}
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Z:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[POS:.*]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : f32
// CHECK: %[[RELU:.*]] = arith.select %[[POS]], %[[X]], %[[ZERO]] : f32
// CHECK: %[[NEG:.*]] = arith.negf %[[X]] : f32
// CHECK: %[[NEGABS:.*]] = arith.select %[[POS]], %[[NEG]], %[[X]] : f32
// CHECK: %[[E:.*]] = math.exp %[[NEGABS]] : f32
// CHECK: %[[SP:.*]] = math.log1p %[[E]] : f32
// CHECK: %[[XZ:.*]] = arith.mulf %[[X]], %[[Z]] : f32
// CHECK: %[[LIN:.*]] = arith.subf %[[RELU]], %[[XZ]] : f32
// CHECK: %[[T:.*]] = arith.addf %[[LIN]], %[[SP]] : f32
// CHECK: arith.addf %[[ACC]], %[[T]] : f32
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK: arith.constant 3.000000e+00 : f32
// CHECK: arith.divf
// CHECK: %[[TOTAL:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%[[MEAN]], %[[W]] : tensor<4xf32>, tensor<4xf32>)
// CHECK: arith.mulf
// CHECK-NOT: arith.select
// CHECK: linalg.generic {{.*}} ins(%[[TOTAL]] : tensor<f32>)
// CHECK: %[[N:.*]] = arith.constant 4.000000e+00 : f32
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
func.func @bce(%x: tensor<4x3xf32>, %z: tensor<4x3xf32>, %w: tensor<4xf32>) -> tensor<f32> {
  %0 = nn.sigmoid_binary_cross_entropy %x, %z sample_weight %w : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Mean squared error, mean_with_sample_weight: the divisor sums the kept
// examples' weights (a select), then divide-no-nan.
// CHECK-LABEL: func.func @mse
// CHECK-SAME: (%{{.*}}: tensor<4x3xf32>, %{{.*}}: tensor<4x3xf32>, %[[M:.*]]: tensor<4xi8>, %[[W:.*]]: tensor<4xf32>)
// CHECK: ^bb0(%[[Y:.*]]: f32, %[[T:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[D:.*]] = arith.subf %[[Y]], %[[T]] : f32
// CHECK: %[[SQ:.*]] = arith.mulf %[[D]], %[[D]] : f32
// CHECK: arith.addf %[[ACC]], %[[SQ]] : f32
// CHECK: %[[MEAN:.*]] = linalg.generic
// CHECK: %[[TOTAL:.*]] = linalg.generic {{.*}} ins(%[[MEAN]], %[[M]], %[[W]] :
// CHECK: %[[WSUM:.*]] = linalg.generic {{.*}} ins(%[[M]], %[[W]] : tensor<4xi8>, tensor<4xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK: ^bb0(%[[B:.*]]: i8, %[[WV:.*]]: f32, %[[WACC:.*]]: f32):
// CHECK: %[[KEPT:.*]] = arith.cmpi ne, %[[B]], %{{.*}} : i8
// CHECK: %[[SEL:.*]] = arith.select %[[KEPT]], %[[WV]], %{{.*}} : f32
// CHECK: arith.addf %[[WACC]], %[[SEL]] : f32
// CHECK: linalg.generic {{.*}} ins(%[[TOTAL]], %[[WSUM]] : tensor<f32>, tensor<f32>)
// CHECK: arith.cmpf oeq
// CHECK: arith.divf
// CHECK: arith.select
func.func @mse(%y: tensor<4x3xf32>, %t: tensor<4x3xf32>, %m: tensor<4xi1>, %w: tensor<4xf32>) -> tensor<f32> {
  %0 = nn.mean_squared_error %y, %t mask %m sample_weight %w reduction = mean_with_sample_weight : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4xi1>, tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
