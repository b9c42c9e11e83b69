func.func @layer(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = nn.dense %x, %w, %b : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %1 = nn.relu %0 : tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}

func.func @max(%x: tensor<2x3x1xf32>) -> tensor<2x1xf32> {
  %0 = nn.global_max_pool %x : (tensor<2x3x1xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

func.func @mlp(%x: tensor<3x4xf32>, %w1: tensor<4x6xf32>, %b1: tensor<6xf32>,
               %w2: tensor<6x5xf32>, %b2: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = nn.dense %x, %w1, %b1 : (tensor<3x4xf32>, tensor<4x6xf32>, tensor<6xf32>) -> tensor<3x6xf32>
  %1 = nn.tanh %0 : tensor<3x6xf32>
  %2 = nn.dense %1, %w2, %b2 : (tensor<3x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  %3 = nn.softmax %2 : tensor<3x5xf32>
  return %3 : tensor<3x5xf32>
}

func.func private @activation(%h: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = nn.relu %h : tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

func.func private @block(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %h = nn.dense %x, %w, %b : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %y = func.call @activation(%h) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

func.func @nested(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %y = func.call @block(%x, %w, %b) : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

func.func @masked(%x: tensor<1x3x1xf32>) -> tensor<1x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<1x3x1xf32> -> tensor<1x3x1xf32>, tensor<1x3xi1>
  %p = nn.global_avg_pool %d : (tensor<1x3x1xf32>) -> tensor<1x1xf32>
  return %p : tensor<1x1xf32>
}
