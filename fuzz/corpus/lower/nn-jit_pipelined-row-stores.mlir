func.func @rows(%x: tensor<1031x1024xf32>, %g: tensor<1024xf32>, %b: tensor<1024xf32>)
    -> (tensor<1031x1024xf32>, tensor<1031x1024xf32>) {
  %s = nn.softmax %x axis = 1 : tensor<1031x1024xf32>
  %l = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05
      : (tensor<1031x1024xf32>, tensor<1024xf32>, tensor<1024xf32>) -> tensor<1031x1024xf32>
  return %s, %l : tensor<1031x1024xf32>, tensor<1031x1024xf32>
}
