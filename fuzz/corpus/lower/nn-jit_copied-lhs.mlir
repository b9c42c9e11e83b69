func.func @layer(%x: tensor<512x1024xf32>, %w: tensor<1024x512xf32>, %b: tensor<512xf32>) -> tensor<512x512xf32> {
  %h = nn.dense %x, %w, %b : (tensor<512x1024xf32>, tensor<1024x512xf32>, tensor<512xf32>) -> tensor<512x512xf32>
  %y = nn.relu %h : tensor<512x512xf32>
  return %y : tensor<512x512xf32>
}
