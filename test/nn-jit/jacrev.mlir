// nn-jacrev end to end, values by hand.
// f(x, w) = (x w, relu(x)) at x = [[1, -2]], w = [[3, 4], [5, 6]], both
// arguments (jax.jacrev(f, argnums=(0, 1))): d(xw)[j]/dx[i] = w[i, j];
// d(xw)[j]/dw[i, l] = x[i] (j == l); d relu(x)[j]/dx[i] = (i == j and
// x[j] > 0); d relu(x)/dw = 0 (the same Jacobians as nn-jacfwd's, jvp.mlir).
// RUN: nn-jit %s --prepare='builtin.module(nn-jacrev{function=two wrt=0,1})' --function=two_jacrev \
// RUN:   --input=1x2xf32=1,-2 --input=2x2xf32=3,4,5,6 | FileCheck %s --check-prefix=TWO
// TWO:      result 0: tensor<1x2x1x2xf32>
// TWO-NEXT: {{\[}}[{{\[}}[3, 5]],
// TWO-NEXT:   {{\[}}[4, 6]]]]
// TWO-NEXT: result 1: tensor<1x2x2x2xf32>
// TWO-NEXT: {{\[}}[{{\[}}[1, 0],
// TWO-NEXT:    [-2, 0]],
// TWO-NEXT:   {{\[}}[0, 1],
// TWO-NEXT:    [0, -2]]]]
// TWO-NEXT: result 2: tensor<1x2x1x2xf32>
// TWO-NEXT: {{\[}}[{{\[}}[1, 0]],
// TWO-NEXT:   {{\[}}[0, 0]]]]
// TWO-NEXT: result 3: tensor<1x2x2x2xf32>
// TWO-NEXT: {{\[}}[{{\[}}[0, 0],
// TWO-NEXT:    [0, 0]],
// TWO-NEXT:   {{\[}}[0, 0],
// TWO-NEXT:    [0, 0]]]]

// A Hessian as jacfwd(jacrev(f)): f(x) = sum(x^3) has gradient 3 x^2 and
// Hessian diag(6 x); x = [1, -2, 0.5] gives diag(6, -12, 3). The zeros of
// row 2 are 6 x_2 times a zero tangent: -12 · 0 = -0 in IEEE arithmetic.
// RUN: nn-jit %s --prepare='builtin.module(nn-jacrev{function=cubes},nn-jacfwd{function=cubes_jacrev})' \
// RUN:   --function=cubes_jacrev_jacfwd --input=3xf32=1,-2,0.5 | FileCheck %s --check-prefix=HESSIAN
// HESSIAN:      result 0: tensor<3x3xf32>
// HESSIAN-NEXT: {{\[}}[6, 0, 0],
// HESSIAN-NEXT:  [-0, -12, -0],
// HESSIAN-NEXT:  [0, 0, 3]]
// RUN: nn-jit %s --prepare='builtin.module(nn-jacrev{function=cubes})' \
// RUN:   --function=cubes_jacrev --input=3xf32=1,-2,0.5 | FileCheck %s --check-prefix=GRAD
// GRAD:      result 0: tensor<3xf32>
// GRAD-NEXT: [3, 12, 0.75]

func.func @two(%x: tensor<1x2xf32>, %w: tensor<2x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %y = nn.dense %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %z = nn.relu %x : tensor<1x2xf32>
  return %y, %z : tensor<1x2xf32>, tensor<1x2xf32>
}

#id = affine_map<(d0) -> (d0)>
#scalar = affine_map<(d0) -> ()>
func.func @cubes(%x: tensor<3xf32>) -> tensor<f32> {
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#id, #scalar], iterator_types = ["reduction"]}
      ins(%x : tensor<3xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %in : f32
    %cube = arith.mulf %sq, %in : f32
    %sum = arith.addf %out, %cube : f32
    linalg.yield %sum : f32
  } -> tensor<f32>
  return %s : tensor<f32>
}
