func.func @a(%x: tensor<7x784xf32>, %w: tensor<784x1000xf32>, %b: tensor<1000xf32>) -> tensor<7x1000xf32> {
  %h = nn.dense %x, %w, %b : (tensor<7x784xf32>, tensor<784x1000xf32>, tensor<1000xf32>) -> tensor<7x1000xf32>
  %y = nn.relu %h : tensor<7x1000xf32>
  return %y : tensor<7x1000xf32>
}

func.func @b(%x: tensor<37x784xf32>, %w: tensor<784x1023xf32>, %b: tensor<1023xf32>) -> tensor<37x1023xf32> {
  %h = nn.dense %x, %w, %b : (tensor<37x784xf32>, tensor<784x1023xf32>, tensor<1023xf32>) -> tensor<37x1023xf32>
  %y = nn.relu %h : tensor<37x1023xf32>
  return %y : tensor<37x1023xf32>
}

func.func @c(%x: tensor<1000x784xf32>, %w: tensor<784x10xf32>, %b: tensor<10xf32>) -> tensor<1000x10xf32> {
  %h = nn.dense %x, %w, %b : (tensor<1000x784xf32>, tensor<784x10xf32>, tensor<10xf32>) -> tensor<1000x10xf32>
  %y = nn.relu %h : tensor<1000x10xf32>
  return %y : tensor<1000x10xf32>
}

func.func @d(%x: tensor<64x784xf32>, %w: tensor<784x7xf32>, %b: tensor<7xf32>) -> tensor<64x7xf32> {
  %h = nn.dense %x, %w, %b : (tensor<64x784xf32>, tensor<784x7xf32>, tensor<7xf32>) -> tensor<64x7xf32>
  %y = nn.relu %h : tensor<64x7xf32>
  return %y : tensor<64x7xf32>
}

func.func @s(%x: tensor<16x4096xf32>) -> tensor<16x4096xf32> {
  %y = nn.softmax %x axis = 1 : tensor<16x4096xf32>
  return %y : tensor<16x4096xf32>
}
