// Functions that return one value twice, an argument, or an argument and a
// value computed from it: every result buffer is written, nothing the caller
// owns is freed (upstream's buffer-results-to-out-params crashed or
// corrupted the heap on a buffer returned twice). Expected values by hand:
// relu(-1, 2, -3, 4) = (0, 2, 0, 4).
// RUN: nn-jit %s --function=twice --input=2x2xf32=-1,2,-3,4 | FileCheck %s --check-prefix=TWICE
// TWICE:      result 0: tensor<2x2xf32>
// TWICE-NEXT: {{\[}}[0, 2],
// TWICE-NEXT:  [0, 4]]
// TWICE-NEXT: result 1: tensor<2x2xf32>
// TWICE-NEXT: {{\[}}[0, 2],
// TWICE-NEXT:  [0, 4]]
func.func @twice(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = nn.relu %x : tensor<2x2xf32>
  return %0, %0 : tensor<2x2xf32>, tensor<2x2xf32>
}

// RUN: nn-jit %s --function=mixed --input=2x2xf32=-1,2,-3,4 | FileCheck %s --check-prefix=MIXED
// MIXED:      result 0: tensor<2x2xf32>
// MIXED-NEXT: {{\[}}[0, 2],
// MIXED-NEXT:  [0, 4]]
// MIXED-NEXT: result 1: tensor<2x2xf32>
// MIXED-NEXT: {{\[}}[-1, 2],
// MIXED-NEXT:  [-3, 4]]
// MIXED-NEXT: result 2: tensor<2x2xf32>
// MIXED-NEXT: {{\[}}[0, 2],
// MIXED-NEXT:  [0, 4]]
func.func @mixed(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = nn.relu %x : tensor<2x2xf32>
  return %0, %x, %0 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// RUN: nn-jit %s --function=argument_twice --input=2x2xf32=-1,2,-3,4 | FileCheck %s --check-prefix=ARGS
// ARGS:      result 0: tensor<2x2xf32>
// ARGS-NEXT: {{\[}}[-1, 2],
// ARGS-NEXT:  [-3, 4]]
// ARGS-NEXT: result 1: tensor<2x2xf32>
// ARGS-NEXT: {{\[}}[-1, 2],
// ARGS-NEXT:  [-3, 4]]
func.func @argument_twice(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  return %x, %x : tensor<2x2xf32>, tensor<2x2xf32>
}

// Two results that become one buffer only after bufferization (a reshape
// and its inverse fold away).
// RUN: nn-jit %s --function=reshaped --input=2x2xf32=-1,2,-3,4 | FileCheck %s --check-prefix=TWICE
func.func @reshaped(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = nn.relu %x : tensor<2x2xf32>
  %1 = tensor.collapse_shape %0 [[0, 1]] : tensor<2x2xf32> into tensor<4xf32>
  %2 = tensor.expand_shape %1 [[0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
  return %0, %2 : tensor<2x2xf32>, tensor<2x2xf32>
}

// A result that is a view of an argument, beside one computed from it.
// RUN: nn-jit %s --function=view_and_value --input=2x2xf32=-1,2,-3,4 | FileCheck %s --check-prefix=VIEW
// VIEW:      result 0: tensor<4xf32>
// VIEW-NEXT: [-1, 2, -3, 4]
// VIEW-NEXT: result 1: tensor<2x2xf32>
// VIEW-NEXT: {{\[}}[0, 2],
// VIEW-NEXT:  [0, 4]]
func.func @view_and_value(%x: tensor<2x2xf32>) -> (tensor<4xf32>, tensor<2x2xf32>) {
  %0 = tensor.collapse_shape %x [[0, 1]] : tensor<2x2xf32> into tensor<4xf32>
  %1 = nn.relu %x : tensor<2x2xf32>
  return %0, %1 : tensor<4xf32>, tensor<2x2xf32>
}
