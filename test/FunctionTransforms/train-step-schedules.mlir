// nn-train-step's learning-rate schedules (computed from the count in f64,
// rounded to f32 once, given to every update as its lr) and global-norm
// clipping (docs/Optimizers.md).
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=adam learning-rate=0.1 schedule=cosine_decay decay-steps=10 alpha=0.2" | FileCheck %s --check-prefix=COSINE
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=sgd learning-rate=0.1 schedule=exponential_decay transition-steps=3 decay-rate=0.5 staircase=true transition-begin=2 end-learning-rate=0.05" | FileCheck %s --check-prefix=EXP
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=sgd learning-rate=0.1 schedule=exponential_decay transition-steps=3 decay-rate=2.0 end-learning-rate=1.0" | FileCheck %s --check-prefix=GROWTH
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=adamw learning-rate=0.1 schedule=warmup_cosine_decay warmup-steps=4 decay-steps=14 warmup-learning-rate=0.02 end-learning-rate=0.01" | FileCheck %s --check-prefix=WARMUP
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=sgd momentum=0.9 learning-rate=0.1 schedule=linear end-learning-rate=0.02 transition-steps=8 transition-begin=2" | FileCheck %s --check-prefix=LINEAR
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=sgd learning-rate=0.1" | FileCheck %s --check-prefix=CONSTANT
// RUN: nn-opt %s --nn-train-step="function=loss optimizer=sgd learning-rate=0.1 clip-global-norm=2.5" | FileCheck %s --check-prefix=CLIP

// cosine_decay: init * ((1 - alpha) * (1 + cos(pi * min(c, steps) / steps)) / 2 + alpha)
// at c = the count argument, before the update.
// COSINE-LABEL: func.func @loss_train_step
// COSINE-SAME:  %[[COUNT:[a-z0-9]+]]: tensor<i32> {nn.name = "step"})
// COSINE:       %[[C:.*]] = tensor.extract %[[COUNT]][] : tensor<i32>
// COSINE:       %[[CF:.*]] = arith.sitofp %[[C]] : i32 to f64
// COSINE:       %[[T:.*]] = arith.minimumf %[[CF]], %{{.*}} : f64
// COSINE:       %[[PIT:.*]] = arith.mulf %{{.*}}, %[[T]] : f64
// COSINE:       %[[X:.*]] = arith.divf %[[PIT]], %{{.*}} : f64
// COSINE:       math.cos %[[X]] : f64
// COSINE:       arith.constant 8.000000e-01 : f64
// COSINE:       arith.constant 2.000000e-01 : f64
// COSINE:       %[[RATE:.*]] = arith.truncf %{{.*}} : f64 to f32
// COSINE:       %[[LR:.*]] = tensor.from_elements %[[RATE]] : tensor<f32>
// COSINE-COUNT-2: nn.adam_update {{.*}}, %[[COUNT]] lr %[[LR]]

// exponential_decay: the count minus transition-begin over transition-steps,
// floored (staircase), init until the count passes the begin, bounded below
// by end-learning-rate. SGD keeps a count for it, donated and returned
// incremented (stuck at the i32 maximum).
// EXP-LABEL: func.func @loss_train_step
// EXP-SAME:  %[[COUNT:[a-z0-9]+]]: tensor<i32> {nn.name = "step"})
// EXP-SAME:  -> (tensor<2xf32> {nn.donated_from = 0 : i64, nn.name = "w"}, tensor<f32> {nn.donated_from = 1 : i64, nn.name = "b"},
// EXP-SAME:  tensor<i32> {nn.donated_from = 2 : i64, nn.name = "step"}, tensor<f32>)
// EXP:       %[[CF:.*]] = arith.sitofp %{{.*}} : i32 to f64
// EXP:       %[[ELAPSED:.*]] = arith.subf %[[CF]], %{{.*}} : f64
// EXP:       %[[P:.*]] = arith.divf %[[ELAPSED]], %{{.*}} : f64
// EXP:       %[[FLOOR:.*]] = math.floor %[[P]] : f64
// EXP:       %[[POW:.*]] = math.powf %{{.*}}, %[[FLOOR]] : f64
// EXP:       %[[DECAYED:.*]] = arith.mulf %{{.*}}, %[[POW]] : f64
// EXP:       %[[BEFORE:.*]] = arith.cmpf ole, %[[ELAPSED]], %{{.*}} : f64
// EXP:       %[[RATE:.*]] = arith.select %[[BEFORE]], %{{.*}}, %[[DECAYED]] : f64
// EXP:       %[[BOUNDED:.*]] = arith.maximumf %[[RATE]], %{{.*}} : f64
// EXP:       %[[RATE32:.*]] = arith.truncf %[[BOUNDED]] : f64 to f32
// EXP:       %[[LR:.*]] = tensor.from_elements %[[RATE32]] : tensor<f32>
// EXP:       %[[C:.*]] = tensor.extract %[[COUNT]][] : tensor<i32>
// EXP:       %[[MAX:.*]] = arith.constant 2147483647 : i32
// EXP:       %[[NEXT:.*]] = arith.addi %[[C]], %{{.*}} : i32
// EXP:       %[[BELOW:.*]] = arith.cmpi slt, %[[C]], %[[MAX]] : i32
// EXP:       %[[NEW:.*]] = arith.select %[[BELOW]], %[[NEXT]], %[[C]] : i32
// EXP:       %[[NEWCOUNT:.*]] = tensor.from_elements %[[NEW]] : tensor<i32>
// EXP:       %[[W:.*]] = nn.sgd_update %{{.*}} lr %[[LR]] : tensor<2xf32>
// EXP:       %[[B:.*]] = nn.sgd_update %{{.*}} lr %[[LR]] : tensor<f32>
// EXP:       return %[[W]], %[[B]], %[[NEWCOUNT]], %{{.*}} :

// A growing rate (decay-rate > 1) is bounded above; no floor without
// staircase.
// GROWTH-LABEL: func.func @loss_train_step
// GROWTH-NOT:   math.floor
// GROWTH:       math.powf
// GROWTH:       %[[RATE:.*]] = arith.select
// GROWTH-NEXT:  arith.constant 1.000000e+00 : f64
// GROWTH-NEXT:  arith.minimumf %[[RATE]], %{{.*}} : f64

// warmup_cosine_decay: a linear warmup (0.02 -> 0.1 over 4 steps) while
// the count is below 4, else the cosine decay at count - 4 over 10 steps
// with alpha = 0.01 / 0.1 (in f64, as Optax computes it in Python).
// WARMUP-LABEL: func.func @loss_train_step
// WARMUP:       %[[CF:.*]] = arith.sitofp %{{.*}} : i32 to f64
// WARMUP:       %[[WARM:.*]] = arith.addf %{{.*}}, %{{.*}} : f64
// WARMUP:       arith.constant 4.000000e+00 : f64
// WARMUP-NEXT:  %[[SINCE:.*]] = arith.subf %[[CF]], %{{.*}} : f64
// WARMUP:       math.cos
// WARMUP:       arith.constant 0.099999999999999992 : f64
// WARMUP-NEXT:  arith.addf
// WARMUP-NEXT:  %[[DECAY:.*]] = arith.mulf
// WARMUP-NEXT:  %[[FOUR:.*]] = arith.constant 4.000000e+00 : f64
// WARMUP-NEXT:  %[[WARMING:.*]] = arith.cmpf olt, %[[CF]], %[[FOUR]] : f64
// WARMUP-NEXT:  %[[RATE:.*]] = arith.select %[[WARMING]], %[[WARM]], %[[DECAY]] : f64
// WARMUP-NEXT:  %[[RATE32:.*]] = arith.truncf %[[RATE]] : f64 to f32
// WARMUP-NEXT:  %[[LR:.*]] = tensor.from_elements %[[RATE32]] : tensor<f32>
// WARMUP-COUNT-2: nn.adamw_update {{.*}} lr %[[LR]]

// linear: the count after transition-begin, clamped to [0, steps]; SGD's
// count follows its momentum buffers.
// LINEAR-LABEL: func.func @loss_train_step
// LINEAR-SAME:  {nn.name = "w.momentum"}, %{{.*}}: tensor<f32> {nn.name = "b.momentum"}, %{{.*}}: tensor<i32> {nn.name = "step"})
// LINEAR:       %[[ELAPSED:.*]] = arith.subf
// LINEAR:       %[[LOW:.*]] = arith.maximumf %[[ELAPSED]], %{{.*}} : f64
// LINEAR:       %[[T:.*]] = arith.minimumf %[[LOW]], %{{.*}} : f64
// LINEAR:       arith.divf %[[T]], %{{.*}} : f64
// LINEAR:       arith.truncf
// LINEAR-COUNT-2: nn.sgd_update {{.*}} momentum = 9.000000e-01

// The default: a constant rate, and no count for SGD.
// CONSTANT-LABEL: func.func @loss_train_step
// CONSTANT-NOT:   "step"
// CONSTANT:       %[[LR:.*]] = arith.constant dense<1.000000e-01> : tensor<f32>
// CONSTANT-NOT:   math.cos
// CONSTANT-COUNT-2: nn.sgd_update {{.*}} lr %[[LR]]

// clip_by_global_norm: each gradient's squares summed in f64 (a rank-0
// gradient directly), the square root rounded to f32, then per element
// select(norm < 2.5, g, (g / norm) * 2.5) before the update.
// CLIP-LABEL: func.func @loss_train_step
// CLIP:       %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%[[GW:.*]] : tensor<2xf32>) outs(%{{.*}} : tensor<f64>)
// CLIP-NEXT:  ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f64):
// CLIP-NEXT:    %[[XD:.*]] = arith.extf %[[X]] : f32 to f64
// CLIP-NEXT:    %[[SQ:.*]] = arith.mulf %[[XD]], %[[XD]] : f64
// CLIP-NEXT:    %[[NEXT:.*]] = arith.addf %[[ACC]], %[[SQ]] : f64
// CLIP-NEXT:    linalg.yield %[[NEXT]] : f64
// CLIP:       %[[S0:.*]] = tensor.extract %[[SUM]][] : tensor<f64>
// CLIP:       %[[T0:.*]] = arith.addf %{{.*}}, %[[S0]] : f64
// CLIP:       %[[GB:.*]] = tensor.extract %[[GBT:.*]][] : tensor<f32>
// CLIP-NEXT:  %[[GBD:.*]] = arith.extf %[[GB]] : f32 to f64
// CLIP-NEXT:  %[[GB2:.*]] = arith.mulf %[[GBD]], %[[GBD]] : f64
// CLIP-NEXT:  %[[TOTAL:.*]] = arith.addf %[[T0]], %[[GB2]] : f64
// CLIP-NEXT:  %[[NORM:.*]] = math.sqrt %[[TOTAL]] : f64
// CLIP-NEXT:  %[[NORM32:.*]] = arith.truncf %[[NORM]] : f64 to f32
// CLIP-NEXT:  %[[MAX:.*]] = arith.constant 2.500000e+00 : f32
// CLIP-NEXT:  %[[UNDER:.*]] = arith.cmpf olt, %[[NORM32]], %[[MAX]] : f32
// CLIP:       %[[CW:.*]] = linalg.generic {{.*}} ins(%[[GW]] : tensor<2xf32>)
// CLIP-NEXT:  ^bb0(%[[G:.*]]: f32, %{{.*}}: f32):
// CLIP-NEXT:    %[[Q:.*]] = arith.divf %[[G]], %[[NORM32]] : f32
// CLIP-NEXT:    %[[SCALED:.*]] = arith.mulf %[[Q]], %[[MAX]] : f32
// CLIP-NEXT:    %[[KEPT:.*]] = arith.select %[[UNDER]], %[[G]], %[[SCALED]] : f32
// CLIP-NEXT:    linalg.yield %[[KEPT]] : f32
// CLIP:       %[[CB:.*]] = linalg.generic {{.*}} ins(%[[GBT]] : tensor<f32>)
// CLIP:       nn.sgd_update %arg0, %[[CW]] lr
// CLIP:       nn.sgd_update %arg1, %[[CB]] lr

#v = affine_map<(d0) -> (d0)>
#s = affine_map<(d0) -> ()>
func.func @loss(%w: tensor<2xf32> {nn.name = "w"}, %b: tensor<f32> {nn.name = "b"}) -> tensor<f32> {
  %c = arith.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#v, #v, #s], iterator_types = ["reduction"]}
      ins(%w, %c : tensor<2xf32>, tensor<2xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%x: f32, %k: f32, %acc: f32):
    %p = arith.mulf %x, %k : f32
    %a = arith.addf %acc, %p : f32
    linalg.yield %a : f32
  } -> tensor<f32>
  %twelve = arith.constant dense<12.0> : tensor<f32>
  %t = arith.mulf %b, %twelve : tensor<f32>
  %l = arith.addf %s, %t : tensor<f32>
  return %l : tensor<f32>
}
