func.func @loss(%w1: tensor<6x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
                %g: tensor<16xf32> {nn.name = "g"}, %o: tensor<16xf32> {nn.name = "o"},
                %w2: tensor<16x4xf32> {nn.name = "w2"}, %b2: tensor<4xf32> {nn.name = "b2"},
                %x: tensor<8x6xf32>, %labels: tensor<8xi32>, %k: !nn.key) -> tensor<f32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %a = nn.gelu %h approximation = tanh : tensor<8x16xf32>
  %d = nn.dropout %a, %k rate = 0.25 : tensor<8x16xf32>
  %n = nn.layer_norm %d scale %g offset %o : (tensor<8x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %y = nn.dense %n, %w2, %b2 : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %l = nn.sparse_softmax_cross_entropy %y, %labels : (tensor<8x4xf32>, tensor<8xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
