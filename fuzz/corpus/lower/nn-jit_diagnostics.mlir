func.func @lost(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %r = scf.execute_region -> tensor<3x3x1xf32> {
    scf.yield %d : tensor<3x3x1xf32>
  }
  %p = nn.global_avg_pool %r : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %p : tensor<3x1xf32>
}

func.func @reused_key(%x: tensor<2x2xf32>, %k: !nn.key) -> tensor<2x2xf32> {
  %a = nn.dropout %x, %k rate = 0.5 : tensor<2x2xf32>
  %b = nn.dropout %a, %k rate = 0.5 : tensor<2x2xf32>
  return %b : tensor<2x2xf32>
}

func.func @two_dropouts(%x: tensor<2x2xf32>, %k: !nn.key) -> tensor<2x2xf32> {
  %ks = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  %k0 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %a = nn.dropout %x, %k0 rate = 0.5 : tensor<2x2xf32>
  %b = nn.dropout %a, %k1 rate = 0.5 : tensor<2x2xf32>
  return %b : tensor<2x2xf32>
}
