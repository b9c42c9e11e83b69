// nn-train-step rejects schedule and clipping options that make no sense,
// naming the option and what it needs (Optax would turn several of them
// into a constant schedule with a log line, or raise).
// RUN: not nn-opt %s --nn-train-step="function=loss schedule=step_decay" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: nn-train-step: unknown schedule 'step_decay' (constant, exponential_decay, cosine_decay, warmup_cosine_decay or linear)

// RUN: not nn-opt %s --nn-train-step="function=loss schedule=cosine_decay decay-steps=0" 2>&1 | FileCheck %s --check-prefix=DECAY0
// RUN: not nn-opt %s --nn-train-step="function=loss schedule=cosine_decay" 2>&1 | FileCheck %s --check-prefix=DECAY0
// DECAY0: error: nn-train-step: schedule=cosine_decay needs decay-steps > 0 (the step at which the decay ends), got 0

// RUN: not nn-opt %s --nn-train-step="function=loss schedule=exponential_decay decay-rate=0.5" 2>&1 | FileCheck %s --check-prefix=TRANSITION
// TRANSITION: error: nn-train-step: schedule=exponential_decay needs transition-steps > 0 (the steps of one transition), got 0

// RUN: not nn-opt %s --nn-train-step="function=loss schedule=exponential_decay transition-steps=10 decay-rate=0" 2>&1 | FileCheck %s --check-prefix=RATE
// RATE: error: nn-train-step: schedule=exponential_decay needs decay-rate > 0 (the factor per transition-steps), got 0

// RUN: not nn-opt %s --nn-train-step="function=loss schedule=exponential_decay transition-steps=10 decay-rate=-0.5" 2>&1 | FileCheck %s --check-prefix=NEGRATE
// NEGRATE: error: nn-train-step: schedule=exponential_decay needs decay-rate > 0 (the factor per transition-steps), got -0.5

// RUN: not nn-opt %s --nn-train-step="function=loss schedule=linear transition-steps=10 end-learning-rate=0.0 transition-begin=-1" 2>&1 | FileCheck %s --check-prefix=BEGIN
// BEGIN: error: nn-train-step: schedule=linear needs transition-begin >= 0, got -1

// RUN: not nn-opt %s --nn-train-step="function=loss schedule=linear transition-steps=10" 2>&1 | FileCheck %s --check-prefix=END
// END: error: nn-train-step: schedule=linear needs end-learning-rate (the rate after transition-steps)

// RUN: not nn-opt %s --nn-train-step="function=loss schedule=warmup_cosine_decay warmup-steps=10 decay-steps=10" 2>&1 | FileCheck %s --check-prefix=WARMUP
// WARMUP: error: nn-train-step: schedule=warmup_cosine_decay needs decay-steps > warmup-steps (decay-steps counts the warmup too), got decay-steps=10 and warmup-steps=10

// RUN: not nn-opt %s --nn-train-step="function=loss schedule=warmup_cosine_decay warmup-steps=-2 decay-steps=10" 2>&1 | FileCheck %s --check-prefix=NEGWARMUP
// NEGWARMUP: error: nn-train-step: schedule=warmup_cosine_decay needs warmup-steps >= 0, got -2

// An option of another schedule is a mistake, not something to ignore.
// RUN: not nn-opt %s --nn-train-step="function=loss schedule=exponential_decay transition-steps=10 decay-rate=0.5 alpha=0.1" 2>&1 | FileCheck %s --check-prefix=OTHER
// OTHER: error: nn-train-step: alpha is not an option of schedule=exponential_decay (it takes transition-steps, decay-rate, transition-begin, staircase, end-learning-rate)

// RUN: not nn-opt %s --nn-train-step="function=loss decay-steps=100" 2>&1 | FileCheck %s --check-prefix=NOSCHEDULE
// NOSCHEDULE: error: nn-train-step: decay-steps is not an option of schedule=constant (a constant learning rate; give schedule=... for a schedule)

// RUN: not nn-opt %s --nn-train-step="function=loss clip-global-norm=-1" 2>&1 | FileCheck %s --check-prefix=CLIP
// CLIP: error: nn-train-step: clip-global-norm must be a norm (> 0), or 0 for no clipping; got -1

func.func @loss(%w: tensor<3xf32> {nn.name = "w"}) -> tensor<f32> {
  %t = arith.constant dense<0.0> : tensor<3xf32>
  %l = nn.mean_squared_error %w, %t : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
