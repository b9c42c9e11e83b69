#all = affine_map<(d0, d1) -> (d0, d1)>
#none = affine_map<(d0, d1) -> ()>
func.func @loss(%w: tensor<3x2xf32>, %x: tensor<4x3xf32>, %t: tensor<4x2xf32>) -> (tensor<f32>, tensor<4x2xf32>) {
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
  return %s, %y : tensor<f32>, tensor<4x2xf32>
}
