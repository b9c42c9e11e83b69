// RUN: nn-opt %s -split-input-file --nn-jvp="function=g wrt=1" -verify-diagnostics -o /dev/null

// Masks and keys are never differentiated.
// expected-error @+1 {{nn-jvp: cannot differentiate with respect to argument 1: it is a mask ('tensor<2x3xi1>')}}
func.func @g(%x: tensor<2x3x1xf32>, %m: tensor<2x3xi1>) -> tensor<2x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x3x1xf32>, tensor<2x3xi1>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// expected-error @+1 {{nn-jvp: cannot differentiate with respect to argument 1: it is a key ('!nn.key')}}
func.func @g(%x: tensor<4xf32>, %k: !nn.key) -> tensor<4xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{nn-jvp: argument 1 does not exist}}
func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
