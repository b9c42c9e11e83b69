#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @exp(%x: tensor<512x1024xf32>) -> tensor<512x1024xf32> {
  %init = tensor.empty() : tensor<512x1024xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<512x1024xf32>) outs(%init : tensor<512x1024xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<512x1024xf32>
  return %0 : tensor<512x1024xf32>
}

#row = affine_map<(d0) -> (d0)>
func.func @special(%x: tensor<12xf32>) -> tensor<12xf32> {
  %init = tensor.empty() : tensor<12xf32>
  %0 = linalg.generic {indexing_maps = [#row, #row], iterator_types = ["parallel"]}
      ins(%x : tensor<12xf32>) outs(%init : tensor<12xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<12xf32>
  return %0 : tensor<12xf32>
}
