func.func @relu_softmax(%x: tensor<64x4096xf32>) -> (tensor<64x4096xf32>, tensor<64x4096xf32>) {
  %y = nn.relu %x : tensor<64x4096xf32>
  %s = nn.softmax %y axis = 1 : tensor<64x4096xf32>
  return %s, %y : tensor<64x4096xf32>, tensor<64x4096xf32>
}

func.func @softmax_twice(%x: tensor<64x4096xf32>) -> (tensor<64x4096xf32>, tensor<64x4096xf32>) {
  %y = nn.relu %x : tensor<64x4096xf32>
  %s = nn.softmax %y axis = 1 : tensor<64x4096xf32>
  %t = nn.softmax %s axis = 1 : tensor<64x4096xf32>
  return %s, %t : tensor<64x4096xf32>, tensor<64x4096xf32>
}
