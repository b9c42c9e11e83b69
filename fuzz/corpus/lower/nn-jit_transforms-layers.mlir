func.func @dense(%x: tensor<3x4xf32>, %w: tensor<4x5xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = nn.dense %x, %w, %b : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

func.func @dense_nobias(%x: tensor<2x3x4xf32>, %w: tensor<4x2xf32>) -> tensor<2x3x2xf32> {
  %0 = nn.dense %x, %w : (tensor<2x3x4xf32>, tensor<4x2xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}

func.func @activations(%x: tensor<2x6xf32>) -> (tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>) {
  %0 = nn.relu %x : tensor<2x6xf32>
  %1 = nn.gelu %x : tensor<2x6xf32>
  %2 = nn.gelu %x approximation = tanh : tensor<2x6xf32>
  %3 = nn.tanh %x : tensor<2x6xf32>
  %4 = nn.sigmoid %x : tensor<2x6xf32>
  return %0, %1, %2, %3, %4 : tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>
}

func.func @softmax(%x: tensor<2x4x5xf32>, %m: tensor<4x5xi1>) -> (tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<2x4x5xf32>) {
  %0 = nn.softmax %x : tensor<2x4x5xf32>
  %1 = nn.softmax %x axis = 1 : tensor<2x4x5xf32>
  %2 = nn.softmax %x mask %m : tensor<2x4x5xf32>, tensor<4x5xi1>
  return %0, %1, %2 : tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<2x4x5xf32>
}

func.func @softmax_empty_row(%x: tensor<2x4x5xf32>, %m: tensor<4x5xi1>) -> tensor<2x4x5xf32> {
  %0 = nn.softmax %x mask %m : tensor<2x4x5xf32>, tensor<4x5xi1>
  return %0 : tensor<2x4x5xf32>
}

func.func @layer_norm(%x: tensor<3x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> (tensor<3x8xf32>, tensor<3x8xf32>) {
  %0 = nn.layer_norm %x scale %g offset %b : (tensor<3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<3x8xf32>
  %1 = nn.layer_norm %x axis = 0 epsilon = 1.0e-05 : (tensor<3x8xf32>) -> tensor<3x8xf32>
  return %0, %1 : tensor<3x8xf32>, tensor<3x8xf32>
}

func.func @pools(%x: tensor<2x5x3xf32>, %m: tensor<2x5xi1>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x5x3xf32>, tensor<2x5xi1>) -> tensor<2x3xf32>
  %1 = nn.global_avg_pool %x : (tensor<2x5x3xf32>) -> tensor<2x3xf32>
  %2 = nn.global_max_pool %x mask %m : (tensor<2x5x3xf32>, tensor<2x5xi1>) -> tensor<2x3xf32>
  %3 = nn.global_max_pool %x : (tensor<2x5x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
