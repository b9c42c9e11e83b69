func.func @big(%x: tensor<128x1024xf32>, %w: tensor<1024x256xf32> {nn.name = "w"},
               %b: tensor<256xf32> {nn.name = "b"}) -> tensor<128x256xf32> {
  %h = nn.dense %x, %w, %b : (tensor<128x1024xf32>, tensor<1024x256xf32>, tensor<256xf32>) -> tensor<128x256xf32>
  %y = nn.relu %h : tensor<128x256xf32>
  return %y : tensor<128x256xf32>
}

func.func @one(%x: tensor<1x784xf32>, %w: tensor<784x512xf32> {nn.name = "w"},
               %b: tensor<512xf32> {nn.name = "b"}) -> tensor<1x512xf32> {
  %h = nn.dense %x, %w, %b : (tensor<1x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<1x512xf32>
  %y = nn.relu %h : tensor<1x512xf32>
  return %y : tensor<1x512xf32>
}
