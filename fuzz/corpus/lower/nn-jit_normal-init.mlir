func.func @samples(%k: !nn.key) -> (tensor<64x64xf32>, tensor<64x64xf32>, tensor<3x3x16x32xf32>,
                                   tensor<128x64xf32>, tensor<128x64xf32>, tensor<3x3x16x32xf32>,
                                   tensor<128x64xf32>) {
  %n = nn.rng.normal %k : tensor<64x64xf32>
  %t = nn.rng.truncated_normal %k : tensor<64x64xf32>
  %gu = nn.init glorot_uniform %k : tensor<3x3x16x32xf32>
  %hu = nn.init he_uniform %k : tensor<128x64xf32>
  %gn = nn.init glorot_normal %k : tensor<128x64xf32>
  %hn = nn.init he_normal %k : tensor<3x3x16x32xf32>
  %ln = nn.init lecun_normal %k : tensor<128x64xf32>
  return %n, %t, %gu, %hu, %gn, %hn, %ln : tensor<64x64xf32>, tensor<64x64xf32>, tensor<3x3x16x32xf32>,
      tensor<128x64xf32>, tensor<128x64xf32>, tensor<3x3x16x32xf32>, tensor<128x64xf32>
}
