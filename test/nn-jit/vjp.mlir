// nn-vjp end to end: f_vjp(primals, result cotangents) returns the results,
// then the cotangent of every f32 argument.
// RUN: rm -rf %t && mkdir -p %t

// By hand: x = [[1, 2, 3], [-4, 5, -6]], w = [[1, 0, 0, 1], [0, 1, 0, 1],
// [0, 0, 1, 1]], b = [0, 0, 0, -100], ct = ones. x w + b = [[1, 2, 3, -94],
// [-4, 5, -6, -105]]; relu keeps g = [[1, 1, 1, 0], [0, 1, 0, 0]] of ct;
// dx = g w^T = [[1, 1, 1], [0, 1, 0]]; dw = x^T g = [[1, -3, 1, 0],
// [2, 7, 2, 0], [3, -3, 3, 0]]; db = column sums of g = [1, 2, 1, 0].
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=layer})' --function=layer_vjp \
// RUN:   --input=2x3xf32=1,2,3,-4,5,-6 --input=3x4xf32=1,0,0,1,0,1,0,1,0,0,1,1 \
// RUN:   --input=4xf32=0,0,0,-100 --input=2x4xf32=1,1,1,1,1,1,1,1 | FileCheck %s --check-prefix=LAYER
// LAYER:      result 0: tensor<2x4xf32>
// LAYER-NEXT: {{\[}}[1, 2, 3, 0],
// LAYER-NEXT:  [0, 5, 0, 0]]
// LAYER-NEXT: result 1: tensor<2x3xf32>
// LAYER-NEXT: {{\[}}[1, 1, 1],
// LAYER-NEXT:  [0, 1, 0]]
// LAYER-NEXT: result 2: tensor<3x4xf32>
// LAYER-NEXT: {{\[}}[1, -3, 1, 0],
// LAYER-NEXT:  [2, 7, 2, 0],
// LAYER-NEXT:  [3, -3, 3, 0]]
// LAYER-NEXT: result 3: tensor<4xf32>
// LAYER-NEXT: [1, 2, 1, 0]

// Only some arguments (wrt=1,2: w and b, as jax.vjp of a partial).
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=layer wrt=1,2})' --function=layer_vjp \
// RUN:   --input=2x3xf32=1,2,3,-4,5,-6 --input=3x4xf32=1,0,0,1,0,1,0,1,0,0,1,1 \
// RUN:   --input=4xf32=0,0,0,-100 --input=2x4xf32=1,1,1,1,1,1,1,1 | FileCheck %s --check-prefix=PARTIAL
// PARTIAL:     result 1: tensor<3x4xf32>
// PARTIAL:     result 2: tensor<4xf32>
// PARTIAL-NEXT: [1, 2, 1, 0]
// PARTIAL-NOT: result 3

// A max shares its cotangent between ties, as JAX's reduce_max: the row
// [1, 3, 3] with ct = 1 gives [0, 0.5, 0.5]; [5, 2, 4] gives [1, 0, 0].
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=max})' --function=max_vjp \
// RUN:   --input=2x3x1xf32=1,3,3,5,2,4 --input=2x1xf32=1,1 | FileCheck %s --check-prefix=MAX
// MAX:      result 1: tensor<2x3x1xf32>
// MAX-NEXT: {{\[\[}}[0],
// MAX-NEXT:   [0.5],
// MAX-NEXT:   [0.5]],
// MAX-NEXT: {{\[}}[1],
// MAX-NEXT:   [0],
// MAX-NEXT:   [0]]]

// An MLP against float64 central differences in NumPy
// (|d| <= 1e-4 |ref| + 1e-5).
// RUN: %python %S/Inputs/vjp_mlp_reference.py %t
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=mlp})' --function=mlp_vjp \
// RUN:   --input=@%t/x.npy --input=@%t/w1.npy --input=@%t/b1.npy --input=@%t/w2.npy --input=@%t/b2.npy \
// RUN:   --input=@%t/ct.npy --output=@%t/grads.npz > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/grads.npz:result0 %t/y.npy 1e-5 1e-6 | FileCheck %s --check-prefix=Y
// RUN: %python %S/Inputs/compare_npy.py %t/grads.npz:result1 %t/dx.npy 1e-4 1e-5 | FileCheck %s --check-prefix=DX
// RUN: %python %S/Inputs/compare_npy.py %t/grads.npz:result2 %t/dw1.npy 1e-4 1e-5 | FileCheck %s --check-prefix=DW1
// RUN: %python %S/Inputs/compare_npy.py %t/grads.npz:result3 %t/db1.npy 1e-4 1e-5 | FileCheck %s --check-prefix=DB1
// RUN: %python %S/Inputs/compare_npy.py %t/grads.npz:result4 %t/dw2.npy 1e-4 1e-5 | FileCheck %s --check-prefix=DW2
// RUN: %python %S/Inputs/compare_npy.py %t/grads.npz:result5 %t/db2.npy 1e-4 1e-5 | FileCheck %s --check-prefix=DB2
// Y: MATCH 15 values
// DX: MATCH 12 values
// DW1: MATCH 24 values
// DB1: MATCH 6 values
// DW2: MATCH 30 values
// DB2: MATCH 5 values

func.func @layer(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = nn.dense %x, %w, %b : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %1 = nn.relu %0 : tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}

func.func @max(%x: tensor<2x3x1xf32>) -> tensor<2x1xf32> {
  %0 = nn.global_max_pool %x : (tensor<2x3x1xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

func.func @mlp(%x: tensor<3x4xf32>, %w1: tensor<4x6xf32>, %b1: tensor<6xf32>,
               %w2: tensor<6x5xf32>, %b2: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = nn.dense %x, %w1, %b1 : (tensor<3x4xf32>, tensor<4x6xf32>, tensor<6xf32>) -> tensor<3x6xf32>
  %1 = nn.tanh %0 : tensor<3x6xf32>
  %2 = nn.dense %1, %w2, %b2 : (tensor<3x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  %3 = nn.softmax %2 : tensor<3x5xf32>
  return %3 : tensor<3x5xf32>
}

// The same layer written as nested functions, built in another order (the
// subclassed style): the copy inlines the calls, and the cotangents are
// those of the flat @layer above, bit for bit.
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=nested})' --function=nested_vjp \
// RUN:   --input=2x3xf32=1,2,3,-4,5,-6 --input=3x4xf32=1,0,0,1,0,1,0,1,0,0,1,1 \
// RUN:   --input=4xf32=0,0,0,-100 --input=2x4xf32=1,1,1,1,1,1,1,1 | FileCheck %s --check-prefix=LAYER
func.func private @activation(%h: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = nn.relu %h : tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

func.func private @block(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %h = nn.dense %x, %w, %b : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %y = func.call @activation(%h) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

func.func @nested(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %y = func.call @block(%x, %w, %b) : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// Masks reach their consumers in the copy as in the compile pipeline (case 1
// of docs/Motivation.md): Masking(-99) then average pooling of [1, 2, -99]
// is 1.5 and its gradient [0.5, 0.5, 0]: the padded step adds nothing and
// gets exactly 0 (unmasked it would be 1/3 everywhere).
// RUN: nn-jit %s --prepare='builtin.module(nn-vjp{function=masked})' --function=masked_vjp \
// RUN:   --input=1x3x1xf32=1,2,-99 --input=1x1xf32=1 | FileCheck %s --check-prefix=MASKED
// MASKED:      result 0: tensor<1x1xf32>
// MASKED-NEXT: {{\[}}[1.5]]
// MASKED-NEXT: result 1: tensor<1x3x1xf32>
// MASKED-NEXT: {{\[\[}}[0.5],
// MASKED-NEXT:   [0.5],
// MASKED-NEXT:   [0]]]
func.func @masked(%x: tensor<1x3x1xf32>) -> tensor<1x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<1x3x1xf32> -> tensor<1x3x1xf32>, tensor<1x3xi1>
  %p = nn.global_avg_pool %d : (tensor<1x3x1xf32>) -> tensor<1x1xf32>
  return %p : tensor<1x1xf32>
}
