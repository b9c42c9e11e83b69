func.func @m32_n10(%x: tensor<32x512xf32>, %w: tensor<512x10xf32> {nn.name = "w"},
                %b: tensor<10xf32> {nn.name = "b"}) -> tensor<32x10xf32> {
  %h = nn.dense %x, %w, %b : (tensor<32x512xf32>, tensor<512x10xf32>, tensor<10xf32>) -> tensor<32x10xf32>
  %y = nn.relu %h : tensor<32x10xf32>
  return %y : tensor<32x10xf32>
}

func.func @m1_n10(%x: tensor<1x512xf32>, %w: tensor<512x10xf32> {nn.name = "w"},
                %b: tensor<10xf32> {nn.name = "b"}) -> tensor<1x10xf32> {
  %h = nn.dense %x, %w, %b : (tensor<1x512xf32>, tensor<512x10xf32>, tensor<10xf32>) -> tensor<1x10xf32>
  %y = nn.relu %h : tensor<1x10xf32>
  return %y : tensor<1x10xf32>
}

func.func @m3_n100(%x: tensor<3x512xf32>, %w: tensor<512x100xf32> {nn.name = "w"},
                %b: tensor<100xf32> {nn.name = "b"}) -> tensor<3x100xf32> {
  %h = nn.dense %x, %w, %b : (tensor<3x512xf32>, tensor<512x100xf32>, tensor<100xf32>) -> tensor<3x100xf32>
  %y = nn.relu %h : tensor<3x100xf32>
  return %y : tensor<3x100xf32>
}

func.func @m32_n1000(%x: tensor<32x512xf32>, %w: tensor<512x1000xf32> {nn.name = "w"},
                %b: tensor<1000xf32> {nn.name = "b"}) -> tensor<32x1000xf32> {
  %h = nn.dense %x, %w, %b : (tensor<32x512xf32>, tensor<512x1000xf32>, tensor<1000xf32>) -> tensor<32x1000xf32>
  %y = nn.relu %h : tensor<32x1000xf32>
  return %y : tensor<32x1000xf32>
}
