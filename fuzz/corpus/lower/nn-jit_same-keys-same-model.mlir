func.func @flat(%data: tensor<6x4xf32>, %seed: !nn.key) -> tensor<6x3xf32> {
  %keys = nn.rng.split %seed : !nn.key -> tensor<4x!nn.key>
  %k_w1 = nn.rng.key_at %keys[0] : tensor<4x!nn.key>
  %k_w2 = nn.rng.key_at %keys[1] : tensor<4x!nn.key>
  %k_drop = nn.rng.key_at %keys[2] : tensor<4x!nn.key>
  %k_shuffle = nn.rng.key_at %keys[3] : tensor<4x!nn.key>
  %w1 = nn.init glorot_uniform %k_w1 : tensor<4x8xf32>
  %b1 = nn.init zeros : tensor<8xf32>
  %w2 = nn.init he_normal %k_w2 : tensor<8x3xf32>
  %x = nn.rng.shuffle %data, %k_shuffle : tensor<6x4xf32>
  %h = nn.dense %x, %w1, %b1 : (tensor<6x4xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<6x8xf32>
  %a = nn.relu %h : tensor<6x8xf32>
  %d = nn.dropout %a, %k_drop rate = 0.5 : tensor<6x8xf32>
  %o = nn.dense %d, %w2 : (tensor<6x8xf32>, tensor<8x3xf32>) -> tensor<6x3xf32>
  return %o : tensor<6x3xf32>
}

func.func private @second_layer_params(%keys: tensor<4x!nn.key>) -> tensor<8x3xf32> {
  %k = nn.rng.key_at %keys[1] : tensor<4x!nn.key>
  %w2 = nn.init he_normal %k : tensor<8x3xf32>
  return %w2 : tensor<8x3xf32>
}
func.func private @first_layer(%x: tensor<6x4xf32>, %keys: tensor<4x!nn.key>) -> tensor<6x8xf32> {
  %k = nn.rng.key_at %keys[0] : tensor<4x!nn.key>
  %w1 = nn.init glorot_uniform %k : tensor<4x8xf32>
  %b1 = nn.init zeros : tensor<8xf32>
  %h = nn.dense %x, %w1, %b1 : (tensor<6x4xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<6x8xf32>
  %a = nn.relu %h : tensor<6x8xf32>
  return %a : tensor<6x8xf32>
}
func.func private @shuffle_data(%data: tensor<6x4xf32>, %keys: tensor<4x!nn.key>) -> tensor<6x4xf32> {
  %k = nn.rng.key_at %keys[3] : tensor<4x!nn.key>
  %x = nn.rng.shuffle %data, %k : tensor<6x4xf32>
  return %x : tensor<6x4xf32>
}
func.func @modular(%data: tensor<6x4xf32>, %seed: !nn.key) -> tensor<6x3xf32> {
  %keys = nn.rng.split %seed : !nn.key -> tensor<4x!nn.key>
  %w2 = func.call @second_layer_params(%keys) : (tensor<4x!nn.key>) -> tensor<8x3xf32>
  %k_drop = nn.rng.key_at %keys[2] : tensor<4x!nn.key>
  %x = func.call @shuffle_data(%data, %keys) : (tensor<6x4xf32>, tensor<4x!nn.key>) -> tensor<6x4xf32>
  %a = func.call @first_layer(%x, %keys) : (tensor<6x4xf32>, tensor<4x!nn.key>) -> tensor<6x8xf32>
  %d = nn.dropout %a, %k_drop rate = 0.5 : tensor<6x8xf32>
  %o = nn.dense %d, %w2 : (tensor<6x8xf32>, tensor<8x3xf32>) -> tensor<6x3xf32>
  return %o : tensor<6x3xf32>
}
