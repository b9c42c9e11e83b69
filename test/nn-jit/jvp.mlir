// Forward-mode derivatives through nn-jit: nn-jvp adds f_jvp(primals,
// tangents) -> (outputs, output tangents) when the module is loaded.
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t

// JAX's documented example: f(x) = [x0, 5 x2, 4 x1^2 - 2 x2, x2 sin x0] at
// x = [1, 2, 3] has the Jacobian [[1,0,0],[0,0,5],[0,16,-2],[1.6209,0,0.84147]];
// the JVPs with the basis vectors are its columns.
// RUN: nn-jit %s --prepare='builtin.module(inline,nn-jvp{function=jax_example})' --function=jax_example_jvp \
// RUN:   --input=3xf32=1,2,3 --input=3xf32=1,0,0 --input=3xf32=1,2,3 --input=3xf32=0,1,0 \
// RUN:   --input=3xf32=1,2,3 --input=3xf32=0,0,1 | FileCheck %s --check-prefix=JAX
// JAX: result 1: tensor<4xf32>
// JAX-NEXT: [1, 0, 0, 1.620907]
// JAX: result 1: tensor<4xf32>
// JAX-NEXT: [0, 0, 16, 0]
// JAX: result 1: tensor<4xf32>
// JAX-NEXT: [0, 5, -2, 0.841471]

// nn-jacfwd: the whole Jacobian from one batched function, 4 x 3 (output
// shape, then input shape, as jax.jacfwd).
// RUN: nn-jit %s --prepare='builtin.module(nn-jacfwd{function=jax_example})' --function=jax_example_jacfwd --input=3xf32=1,2,3 | FileCheck %s --check-prefix=JACFWD
// JACFWD: result 0: tensor<4x3xf32>
// JACFWD-NEXT: {{\[}}[1, 0, 0],
// JACFWD-NEXT:  [0, 0, 5],
// JACFWD-NEXT:  [0, 16, -2],
// JACFWD-NEXT:  [1.620907, 0, 0.841471]]

// Several wrt arguments, jax.jacfwd(f, argnums=(0, 1)): for f(x, w) =
// (x w, relu(x)) at x = [[1, -2]], w = [[3, 4], [5, 6]], by hand:
// d(xw)[j]/dx[i] = w[i, j]; d(xw)[j]/dw[i, l] = x[i] (j == l);
// d relu(x)[j]/dx[i] = (i == j and x[j] > 0); d relu(x)/dw = 0. Results in
// JAX's order ((dy/dx, dy/dw), (dz/dx, dz/dw)).
// RUN: nn-jit %s --prepare='builtin.module(nn-jacfwd{function=two wrt=0,1})' --function=two_jacfwd --input=1x2xf32=1,-2 --input=2x2xf32=3,4,5,6 | FileCheck %s --check-prefix=ARGNUMS
// ARGNUMS:      result 0: tensor<1x2x1x2xf32>
// ARGNUMS-NEXT: {{\[}}[{{\[}}[3, 5]],
// ARGNUMS-NEXT:   {{\[}}[4, 6]]]]
// ARGNUMS-NEXT: result 1: tensor<1x2x2x2xf32>
// ARGNUMS-NEXT: {{\[}}[{{\[}}[1, 0],
// ARGNUMS-NEXT:    [-2, 0]],
// ARGNUMS-NEXT:   {{\[}}[0, 1],
// ARGNUMS-NEXT:    [0, -2]]]]
// ARGNUMS-NEXT: result 2: tensor<1x2x1x2xf32>
// ARGNUMS-NEXT: {{\[}}[{{\[}}[1, 0]],
// ARGNUMS-NEXT:   {{\[}}[0, 0]]]]
// ARGNUMS-NEXT: result 3: tensor<1x2x2x2xf32>
// ARGNUMS-NEXT: {{\[}}[{{\[}}[0, 0],
// ARGNUMS-NEXT:    [0, 0]],
// ARGNUMS-NEXT:   {{\[}}[0, 0],
// ARGNUMS-NEXT:    [0, 0]]]]

// An MLP R^4 -> R^3 (tanh hidden layer of 16), params by name, against the
// analytic JVP in NumPy (|d| <= 1e-5 |ref| + 1e-5).
// RUN: %python %S/Inputs/jvp_reference.py %t
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=mlp wrt=0})' --function=mlp_jvp --params=@%t/params.npz --input=@%t/x.npy --input=@%t/dx.npy --output=@%t/y.npy --output=@%t/dy.npy
// RUN: %python %S/Inputs/compare_npy.py %t/y.npy %t/expected_y.npy 1e-5 1e-5 | FileCheck %s --check-prefix=Y
// RUN: %python %S/Inputs/compare_npy.py %t/dy.npy %t/expected_dy.npy 1e-5 1e-5 | FileCheck %s --check-prefix=Y
// Y: MATCH 24 values

// relu'(0) = 0 (as JAX); masked pooling ignores the tangents of masked steps;
// dropout drops and scales the tangent exactly like the value (rate 0.5:
// kept entries doubled), with the same key.
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=relu_at_zero})' --function=relu_at_zero_jvp --input=3xf32=-1,0,2 --input=3xf32=1,1,1 | FileCheck %s --check-prefix=RELU
// RELU: result 1: tensor<3xf32>
// RELU-NEXT: [0, 0, 1]
// RUN: nn-jit %s --prepare='builtin.module(nn-jvp{function=masked_mean wrt=0})' --function=masked_mean_jvp --input="2x3x1xf32=1,2,3,4,5,6" --input="2x3xi1=1,1,0,1,0,0" --input="2x3x1xf32=10,20,30,40,50,60" | FileCheck %s --check-prefix=MASKED
// MASKED: result 1: tensor<2x1xf32>
// MASKED-NEXT: {{\[}}[15],
// MASKED-NEXT:  [40]]
// RUN: nn-jit %s --training --prepare='builtin.module(nn-jvp{function=drop wrt=0})' --function=drop_jvp --input=8xf32=1,1,1,1,1,1,1,1 --input=key:42 --input=8xf32=3,3,3,3,3,3,3,3 > %t/drop.txt
// RUN: %python -c "import re; t = open('%t/drop.txt').read().split('result 1'); y = [float(v) for v in re.findall(r'-?[\d.]+', t[0].split(':', 1)[1].split('\n', 1)[1])]; dy = [float(v) for v in re.findall(r'-?[\d.]+', t[1].split('\n', 1)[1])]; print(all(d == 3 * v for v, d in zip(y, dy)), sorted(set(y)))" | FileCheck %s --check-prefix=DROP
// DROP: True [0.0, 2.0]

func.func @jax_example(%x: tensor<3xf32>) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %x0 = tensor.extract %x[%c0] : tensor<3xf32>
  %x1 = tensor.extract %x[%c1] : tensor<3xf32>
  %x2 = tensor.extract %x[%c2] : tensor<3xf32>
  %five = arith.constant 5.0 : f32
  %four = arith.constant 4.0 : f32
  %two = arith.constant 2.0 : f32
  %y1 = arith.mulf %five, %x2 : f32
  %sq = arith.mulf %x1, %x1 : f32
  %a = arith.mulf %four, %sq : f32
  %b = arith.mulf %two, %x2 : f32
  %y2 = arith.subf %a, %b : f32
  %s = math.sin %x0 : f32
  %y3 = arith.mulf %x2, %s : f32
  %y = tensor.from_elements %x0, %y1, %y2, %y3 : tensor<4xf32>
  return %y : tensor<4xf32>
}

func.func @mlp(%x: tensor<8x4xf32>, %w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
               %w2: tensor<16x3xf32> {nn.name = "w2"}, %b2: tensor<3xf32> {nn.name = "b2"}) -> tensor<8x3xf32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %t = nn.tanh %h : tensor<8x16xf32>
  %y = nn.dense %t, %w2, %b2 : (tensor<8x16xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<8x3xf32>
  return %y : tensor<8x3xf32>
}

func.func @relu_at_zero(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = nn.relu %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @masked_mean(%x: tensor<2x3x1xf32>, %m: tensor<2x3xi1>) -> tensor<2x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x3x1xf32>, tensor<2x3xi1>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

func.func @drop(%x: tensor<8xf32>, %k: !nn.key) -> tensor<8xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @two(%x: tensor<1x2xf32>, %w: tensor<2x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %y = nn.dense %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %z = nn.relu %x : tensor<1x2xf32>
  return %y, %z : tensor<1x2xf32>, tensor<1x2xf32>
}
