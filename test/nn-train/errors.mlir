// nn-train's errors: each names what is wrong and how to fix it, exits 1,
// and trains nothing.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.savez('%t/ok.npz', x=np.zeros((12, 4), np.float32), labels=np.zeros(12, np.int32)); np.savez('%t/odd.npz', x=np.zeros((10, 4), np.float32), labels=np.zeros(10, np.int32)); np.savez('%t/nolabels.npz', x=np.zeros((12, 4), np.float32)); np.savez('%t/int64.npz', x=np.zeros((12, 4), np.float32), labels=np.zeros(12, np.int64)); np.savez('%t/params.npz', w=np.zeros((3, 4), np.float32))"

// RUN: not nn-train %s --data=@%t/ok.npz 2>&1 | FileCheck %s --check-prefix=NOPARAMS
// NOPARAMS: error: give the initial params one way: --init=FUNCTION, --params=@params.npz or --resume=@checkpoint.npz

// RUN: not nn-train %s --init=init --data=@%t/nolabels.npz 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: @loss: argument 2 ('labels') (tensor<4xi32>) is not a parameter, and the training data has no array of that name (it has [x]); name the argument (nn.name) after its array

// RUN: not nn-train %s --init=init --data=@%t/int64.npz 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: error: training array 'labels' is tensor<12xi64>; @loss takes batches of it as tensor<4xi32> (the same element type and the same shape after the first dimension)

// 10 examples in batches of 4, and no example mask for the padded batch.
// RUN: not nn-train %s --init=init --data=@%t/odd.npz 2>&1 | FileCheck %s --check-prefix=RAGGED
// RAGGED: error: the training data has 10 examples, not a multiple of the batch size 4, and @loss has no example mask (a tensor<4xi1> argument, given to its loss op as the mask) for the padded last batch

// RUN: not nn-train %s --init=init --data=@%t/ok.npz --optimizer=rmsprop 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: error: unknown optimizer 'rmsprop' (sgd, adam or adamw)

// RUN: not nn-train %s --params=@%t/params.npz --data=@%t/ok.npz 2>&1 | FileCheck %s --check-prefix=PARAMS
// PARAMS: error: parameter 'w' is tensor<3x4xf32>, expected tensor<4x3xf32>

// RUN: not nn-train %s --init=init --data=%t/ok.npz 2>&1 | FileCheck %s --check-prefix=AT
// AT: error: --data takes @FILE, got '{{.*}}ok.npz'

// RUN: not nn-train %s --init=init --data=@%t/ok.npz --validation-split=1.5 2>&1 | FileCheck %s --check-prefix=SPLIT
// SPLIT: error: the validation split 1.5 is not between 0 and 1

// Schedule options reach nn-train-step, which names what is wrong.
// RUN: not nn-train %s --init=init --data=@%t/ok.npz --schedule=cosine_decay 2>&1 | FileCheck %s --check-prefix=DECAY
// DECAY: error: nn-train-step: schedule=cosine_decay needs decay-steps > 0 (the step at which the decay ends), got 0
// RUN: not nn-train %s --init=init --data=@%t/ok.npz --schedule=cosine_decay --decay-steps=100 --decay-rate=0.5 2>&1 | FileCheck %s --check-prefix=NOTTAKEN
// NOTTAKEN: error: nn-train-step: decay-rate is not an option of schedule=cosine_decay (it takes decay-steps, alpha)
// RUN: not nn-train %s --init=init --data=@%t/ok.npz --warmup-steps=10 2>&1 | FileCheck %s --check-prefix=CONSTANT
// CONSTANT: error: nn-train-step: warmup-steps is not an option of schedule=constant
// RUN: not nn-train %s --init=init --data=@%t/ok.npz --clip-global-norm=-1 2>&1 | FileCheck %s --check-prefix=CLIP
// CLIP: error: nn-train-step: clip-global-norm must be a norm (> 0), or 0 for no clipping; got -1

func.func @init(%key: !nn.key) -> (tensor<4x3xf32> {nn.name = "w"}) {
  %w = nn.init glorot_uniform %key : tensor<4x3xf32>
  return %w : tensor<4x3xf32>
}

func.func @loss(%w: tensor<4x3xf32> {nn.name = "w"}, %x: tensor<4x4xf32> {nn.name = "x"},
                %labels: tensor<4xi32> {nn.name = "labels"}) -> tensor<f32> {
  %o = nn.dense %x, %w : (tensor<4x4xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %l = nn.sparse_softmax_cross_entropy %o, %labels : (tensor<4x3xf32>, tensor<4xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
