func.func @rows(%a: tensor<8192x64xf32>, %b: tensor<4096x128xf32>, %g: tensor<128xf32>, %o: tensor<128xf32>,
                %c: tensor<65536x16xf32>)
    -> (tensor<8192x64xf32>, tensor<4096x128xf32>, tensor<65536x16xf32>) {
  %s = nn.softmax %a axis = 1 : tensor<8192x64xf32>
  %l = nn.layer_norm %b scale %g offset %o epsilon = 1.0e-05
      : (tensor<4096x128xf32>, tensor<128xf32>, tensor<128xf32>) -> tensor<4096x128xf32>
  %t = nn.softmax %c axis = 1 : tensor<65536x16xf32>
  return %s, %l, %t : tensor<8192x64xf32>, tensor<4096x128xf32>, tensor<65536x16xf32>
}
