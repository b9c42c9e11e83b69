func.func @twice(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = nn.relu %x : tensor<2x2xf32>
  return %0, %0 : tensor<2x2xf32>, tensor<2x2xf32>
}

func.func @mixed(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = nn.relu %x : tensor<2x2xf32>
  return %0, %x, %0 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

func.func @argument_twice(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  return %x, %x : tensor<2x2xf32>, tensor<2x2xf32>
}

func.func @reshaped(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = nn.relu %x : tensor<2x2xf32>
  %1 = tensor.collapse_shape %0 [[0, 1]] : tensor<2x2xf32> into tensor<4xf32>
  %2 = tensor.expand_shape %1 [[0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
  return %0, %2 : tensor<2x2xf32>, tensor<2x2xf32>
}

func.func @view_and_value(%x: tensor<2x2xf32>) -> (tensor<4xf32>, tensor<2x2xf32>) {
  %0 = tensor.collapse_shape %x [[0, 1]] : tensor<2x2xf32> into tensor<4xf32>
  %1 = nn.relu %x : tensor<2x2xf32>
  return %0, %1 : tensor<4xf32>, tensor<2x2xf32>
}
