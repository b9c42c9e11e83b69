func.func @layers(%x: tensor<2x3x8xf32>, %w: tensor<8x5xf32>, %ids: tensor<2x3xf32>,
                  %table: tensor<7x4xf32>, %scale: tensor<8xf32>, %offset: tensor<8xf32>)
    -> (tensor<2x3x5xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x3x4xf32>) {
  %dense = nn.dense %x, %w : (tensor<2x3x8xf32>, tensor<8x5xf32>) -> tensor<2x3x5xf32>
  %relu = nn.relu %x : tensor<2x3x8xf32>
  %gelu = nn.gelu %x : tensor<2x3x8xf32>
  %gelu_tanh = nn.gelu %x approximation = tanh : tensor<2x3x8xf32>
  %tanh = nn.tanh %x : tensor<2x3x8xf32>
  %sigmoid = nn.sigmoid %x : tensor<2x3x8xf32>
  %softmax = nn.softmax %x axis = 1 : tensor<2x3x8xf32>
  %ln = nn.layer_norm %x scale %scale offset %offset epsilon = 1.0e-03
      : (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
  %ln_plain = nn.layer_norm %x axis = 1 : (tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %avg = nn.global_avg_pool %x : (tensor<2x3x8xf32>) -> tensor<2x8xf32>
  %max = nn.global_max_pool %x : (tensor<2x3x8xf32>) -> tensor<2x8xf32>
  %ids_i = arith.fptosi %ids : tensor<2x3xf32> to tensor<2x3xi32>
  %emb = nn.embedding %ids_i, %table : (tensor<2x3xi32>, tensor<7x4xf32>) -> tensor<2x3x4xf32>
  return %dense, %relu, %gelu, %gelu_tanh, %tanh, %sigmoid, %softmax, %ln, %ln_plain,
         %avg, %max, %emb
      : tensor<2x3x5xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>,
        tensor<2x3x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x3x4xf32>
}
