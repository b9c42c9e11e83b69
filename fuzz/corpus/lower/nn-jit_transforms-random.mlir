func.func @rng_noise(%x: tensor<8xf32>, %k: !nn.key) -> tensor<8xf32> {
  %ks = nn.rng.split %k : !nn.key -> tensor<3x!nn.key>
  %k0 = nn.rng.key_at %ks[0] : tensor<3x!nn.key>
  %k1 = nn.rng.key_at %ks[1] : tensor<3x!nn.key>
  %k2 = nn.rng.key_at %ks[2] : tensor<3x!nn.key>
  %u = nn.rng.uniform %k0 minval = -1.0 maxval = 2.0 : tensor<8xf32>
  %n = nn.rng.normal %k1 : tensor<8xf32>
  %t = nn.rng.truncated_normal %k2 : tensor<8xf32>
  %a = arith.mulf %x, %u : tensor<8xf32>
  %b = arith.mulf %a, %n : tensor<8xf32>
  %c = arith.addf %b, %t : tensor<8xf32>
  return %c : tensor<8xf32>
}

func.func @rng_keys(%x: tensor<6xf32>, %seed: tensor<i64>, %d: tensor<i32>)
    -> (tensor<6xf32>, tensor<6xi32>, tensor<6xi1>, tensor<3x2xi32>, tensor<2x3xi32>) {
  %k = nn.rng.key %seed : tensor<i64> -> !nn.key
  %f = nn.rng.fold_in %k, %d : tensor<i32>
  %u = nn.rng.uniform %f : tensor<6xf32>
  %y = arith.mulf %x, %u : tensor<6xf32>
  %p = nn.rng.permutation %f : tensor<6xi32>
  %b = nn.rng.bernoulli %f p = 0.25 : tensor<6xi1>
  %c = arith.constant dense<[[0, 1], [2, 3], [4, 5]]> : tensor<3x2xi32>
  %w = nn.rng.threefry2x32 %f, %c : tensor<3x2xi32>
  %bits = nn.rng.bits %k : tensor<2x3xi32>
  return %y, %p, %b, %w, %bits : tensor<6xf32>, tensor<6xi32>, tensor<6xi1>, tensor<3x2xi32>, tensor<2x3xi32>
}

func.func @rng_const_key(%x: tensor<5xf32>) -> tensor<5xf32> {
  %k = nn.rng.key seed = 42 : !nn.key
  %u = nn.rng.uniform %k : tensor<5xf32>
  %a = arith.mulf %x, %u : tensor<5xf32>
  %b = arith.mulf %x, %x : tensor<5xf32>
  %c = arith.addf %a, %b : tensor<5xf32>
  return %c : tensor<5xf32>
}

func.func @shuffle(%x: tensor<6x2xf32>, %k: !nn.key) -> tensor<6x2xf32> {
  %s = nn.rng.shuffle %x, %k : tensor<6x2xf32>
  return %s : tensor<6x2xf32>
}

func.func @init(%x: tensor<4x3xf32>, %k: !nn.key) -> tensor<4x3xf32> {
  %one = arith.constant dense<1> : tensor<i32>
  %k1 = nn.rng.fold_in %k, %one : tensor<i32>
  %w1 = nn.init glorot_uniform %k : tensor<4x3xf32>
  %w2 = nn.init he_normal %k1 : tensor<4x3xf32>
  %ones = nn.init ones : tensor<4x3xf32>
  %c = nn.init constant {value = 2.5 : f32} : tensor<4x3xf32>
  %a = arith.mulf %x, %w1 : tensor<4x3xf32>
  %b = arith.addf %a, %w2 : tensor<4x3xf32>
  %d = arith.addf %b, %ones : tensor<4x3xf32>
  %e = arith.addf %d, %c : tensor<4x3xf32>
  return %e : tensor<4x3xf32>
}

func.func @dropout(%x: tensor<4x8xf32>, %k: !nn.key) -> tensor<4x8xf32> {
  %0 = nn.dropout %x, %k rate = 0.25 : tensor<4x8xf32>
  %1 = nn.tanh %0 : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}
