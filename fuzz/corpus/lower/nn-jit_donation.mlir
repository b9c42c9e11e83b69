func.func @mlp(%w1: tensor<6x5xf32> {nn.name = "w1"}, %b1: tensor<5xf32> {nn.name = "b1"},
               %w2: tensor<5x4xf32> {nn.name = "w2"}, %b2: tensor<4xf32> {nn.name = "b2"},
               %x: tensor<8x6xf32>, %labels: tensor<8xi32>) -> tensor<f32> {
  %0 = nn.dense %x, %w1, %b1 : (tensor<8x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<8x5xf32>
  %1 = nn.tanh %0 : tensor<8x5xf32>
  %2 = nn.dense %1, %w2, %b2 : (tensor<8x5xf32>, tensor<5x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %3 = nn.sparse_softmax_cross_entropy %2, %labels : (tensor<8x4xf32>, tensor<8xi32>) -> tensor<f32>
  return %3 : tensor<f32>
}

#all = affine_map<(d0, d1) -> (d0, d1)>
#none = affine_map<(d0, d1) -> ()>
func.func @aux(%w: tensor<3x2xf32> {nn.name = "w"}, %x: tensor<4x3xf32>, %t: tensor<4x2xf32>) -> (tensor<f32>, tensor<3x2xf32>) {
  %y = nn.dense %x, %w : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %d = arith.subf %y, %t : tensor<4x2xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction", "reduction"]}
      ins(%d : tensor<4x2xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %in : f32
    %sum = arith.addf %out, %sq : f32
    linalg.yield %sum : f32
  } -> tensor<f32>
  return %s, %w : tensor<f32>, tensor<3x2xf32>
}
