// RUN: nn-opt %s -split-input-file --nn-vjp="function=g wrt=1" -verify-diagnostics -o /dev/null

// Masks and keys are never differentiated.
// expected-error @+1 {{nn-vjp: cannot differentiate with respect to argument 1: it is a mask ('tensor<2x3xi1>')}}
func.func @g(%x: tensor<2x3x1xf32>, %m: tensor<2x3xi1>) -> tensor<2x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x3x1xf32>, tensor<2x3xi1>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// expected-error @+1 {{nn-vjp: cannot differentiate with respect to argument 1: it is a key ('!nn.key')}}
func.func @g(%x: tensor<4xf32>, %k: !nn.key) -> tensor<4xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// An op without a rule is named.
func.func @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{nn-vjp has no rule for 'math.powf'}}
  %0 = math.powf %x, %y : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A product reduction is not reversed (its accumulator is not a sum, max
// or min).
#id = affine_map<(d0) -> (d0)>
#scalar = affine_map<(d0) -> ()>
func.func @g(%s: tensor<f32>, %x: tensor<4xf32>) -> tensor<f32> {
  // expected-error @+1 {{nn-vjp cannot reverse this linalg.generic: its output 0 accumulates with something other than a sum, max or min}}
  %0 = linalg.generic {indexing_maps = [#id, #scalar], iterator_types = ["reduction"]} ins(%x : tensor<4xf32>) outs(%s : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.mulf %out, %in : f32
    linalg.yield %p : f32
  } -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A call of a function without a body cannot be inlined into the copy.
func.func private @h(%x: tensor<4xf32>) -> tensor<4xf32>
func.func @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{nn-vjp: cannot transform a call of 'h', which has no body}}
  %0 = func.call @h(%y) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
