// RUN: nn-opt %s -split-input-file --nn-vmap="function=g in-axes=1 batch=4" -verify-diagnostics -o /dev/null
// RUN: not nn-opt %s -split-input-file --nn-vmap="function=g in-axes=0 batch=0" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BATCH

// BATCH: nn-vmap: the batch size must be positive, got 0

// expected-error @+1 {{nn-vmap: argument 1 does not exist}}
func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{nn-vmap: no function 'g'}}
module {
  func.func private @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32>
}

// -----

func.func @h(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{nn-vmap: calls must be inlined first (run 'inline')}}
  %0 = func.call @h(%y) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
