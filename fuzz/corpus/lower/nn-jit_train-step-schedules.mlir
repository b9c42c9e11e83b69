#v = affine_map<(d0) -> (d0)>
#s = affine_map<(d0) -> ()>
func.func @loss(%w: tensor<2xf32> {nn.name = "w"}, %b: tensor<f32> {nn.name = "b"}) -> tensor<f32> {
  %c = arith.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#v, #v, #s], iterator_types = ["reduction"]}
      ins(%w, %c : tensor<2xf32>, tensor<2xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%x: f32, %k: f32, %acc: f32):
    %p = arith.mulf %x, %k : f32
    %a = arith.addf %acc, %p : f32
    linalg.yield %a : f32
  } -> tensor<f32>
  %twelve = arith.constant dense<12.0> : tensor<f32>
  %t = arith.mulf %b, %twelve : tensor<f32>
  %l = arith.addf %s, %t : tensor<f32>
  return %l : tensor<f32>
}
