func.func @layer(%x: tensor<256x784xf32>, %w: tensor<784x512xf32>, %b: tensor<512xf32>) -> tensor<256x512xf32> {
  %h = nn.dense %x, %w, %b : (tensor<256x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<256x512xf32>
  %y = nn.relu %h : tensor<256x512xf32>
  return %y : tensor<256x512xf32>
}

func.func @awkward(%x: tensor<1000x784xf32>, %w: tensor<784x1000xf32>, %b: tensor<1000xf32>) -> tensor<1000x1000xf32> {
  %h = nn.dense %x, %w, %b : (tensor<1000x784xf32>, tensor<784x1000xf32>, tensor<1000xf32>) -> tensor<1000x1000xf32>
  %y = nn.relu %h : tensor<1000x1000xf32>
  return %y : tensor<1000x1000xf32>
}

func.func @ragged(%x: tensor<37x784xf32>, %w: tensor<784x1023xf32>, %b: tensor<1023xf32>) -> tensor<37x1023xf32> {
  %h = nn.dense %x, %w, %b : (tensor<37x784xf32>, tensor<784x1023xf32>, tensor<1023xf32>) -> tensor<37x1023xf32>
  %y = nn.relu %h : tensor<37x1023xf32>
  return %y : tensor<37x1023xf32>
}
