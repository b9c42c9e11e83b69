func.func @rows(%x: tensor<5x207x1024xf32>, %g: tensor<1024xf32>, %b: tensor<1024xf32>)
    -> (tensor<5x207x1024xf32>, tensor<5x207x1024xf32>) {
  %s = nn.softmax %x axis = 2 : tensor<5x207x1024xf32>
  %l = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05
      : (tensor<5x207x1024xf32>, tensor<1024xf32>, tensor<1024xf32>) -> tensor<5x207x1024xf32>
  return %s, %l : tensor<5x207x1024xf32>, tensor<5x207x1024xf32>
}
