// RUN: nn-opt %s -split-input-file --nn-vmap="function=g in-axes=0,none batch=4" -verify-diagnostics -o /dev/null
// RUN: not nn-opt %s -split-input-file --nn-vmap="function=g in-axes=0 batch=0" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not nn-opt %s -split-input-file --nn-vmap="function=g batch=2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REQUIRED
// RUN: not nn-opt %s -split-input-file --nn-vmap="function=g in-axes=none batch=2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTHING
// RUN: not nn-opt %s -split-input-file --nn-vmap="function=g in-axes=2 batch=2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not nn-opt %s -split-input-file --nn-vmap="function=g in-axes=x batch=2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not nn-opt %s -split-input-file --nn-vmap="function=g in-axes=0 out-axes=none batch=2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OUTNONE

// BATCH: nn-vmap: the batch size must be positive, got 0
// REQUIRED: nn-vmap: in-axes is required (an axis or 'none' per argument)
// NOTHING: nn-vmap: in-axes batches no argument
// RANGE: nn-vmap: in-axes axis 2 of argument 0 is out of range for a batched rank of 2
// ENTRY: nn-vmap: in-axes entry 'x' is neither an axis nor 'none'
// OUTNONE: nn-vmap: out-axes of result 0 cannot be 'none'

// One entry per argument (or one for all).
// expected-error @+1 {{nn-vmap: in-axes has 2 entries for 1 arguments}}
func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{nn-vmap: no function 'g'}}
module {
  func.func private @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32>
}

// -----

// A call of a function without a body cannot be inlined into the copy.
func.func private @h(%x: tensor<4xf32>) -> tensor<4xf32>
func.func @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{nn-vmap: cannot transform a call of 'h', which has no body}}
  %0 = func.call @h(%y) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// An op without a batching rule is named.
func.func @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{nn-vmap has no batching rule for 'tensor.concat'}}
  %0 = tensor.concat dim(0) %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
