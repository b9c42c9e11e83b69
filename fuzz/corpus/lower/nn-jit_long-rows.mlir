func.func @rows(%x: tensor<64x4096xf32>, %g: tensor<4096xf32>, %b: tensor<4096xf32>)
    -> (tensor<64x4096xf32>, tensor<64x4096xf32>) {
  %s = nn.softmax %x axis = 1 : tensor<64x4096xf32>
  %l = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05
      : (tensor<64x4096xf32>, tensor<4096xf32>, tensor<4096xf32>) -> tensor<64x4096xf32>
  return %s, %l : tensor<64x4096xf32>, tensor<64x4096xf32>
}
