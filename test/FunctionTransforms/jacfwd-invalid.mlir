// RUN: nn-opt %s -split-input-file --nn-jacfwd="function=g wrt=1" -verify-diagnostics -o /dev/null

// expected-error @+1 {{nn-jacfwd: cannot differentiate with respect to argument 1 ('!nn.key'): it is a key; it must be an f32 tensor of static shape and rank >= 1}}
func.func @g(%x: tensor<4xf32>, %k: !nn.key) -> tensor<4xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{nn-jacfwd: cannot differentiate with respect to argument 1 ('tensor<2x3xi1>'): it is a mask}}
func.func @g(%x: tensor<2x3x1xf32>, %m: tensor<2x3xi1>) -> tensor<2x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x3x1xf32>, tensor<2x3xi1>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// expected-error @+1 {{nn-jacfwd: cannot differentiate with respect to argument 1 ('tensor<f32>'); it must be an f32 tensor of static shape and rank >= 1}}
func.func @g(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{nn-jacfwd: result 1 ('tensor<4xi1>') has no Jacobian; results must be f32 tensors of static shape}}
func.func @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi1>) {
  %m = arith.cmpf ogt, %x, %y : tensor<4xf32>
  return %x, %m : tensor<4xf32>, tensor<4xi1>
}

// -----

// expected-error @+1 {{nn-jacfwd: the module already has a symbol 'g_jacfwd'}}
module {
  func.func @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
  func.func @g_jacfwd(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}

// -----

// expected-error @+1 {{nn-jacfwd: argument 1 does not exist}}
func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
