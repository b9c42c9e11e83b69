func.func @f(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = nn.dense %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16
