func.func @keys(%k0: !nn.key, %k42: !nn.key, %k42b: !nn.key) -> (!nn.key, tensor<3x!nn.key>, !nn.key) {
  %c0 = arith.constant dense<0> : tensor<i32>
  %c7 = arith.constant dense<7> : tensor<i32>
  %a = nn.rng.fold_in %k0, %c0 : tensor<i32>
  %s = nn.rng.split %k42 : !nn.key -> tensor<3x!nn.key>
  %b = nn.rng.fold_in %k42b, %c7 : tensor<i32>
  return %a, %s, %b : !nn.key, tensor<3x!nn.key>, !nn.key
}

func.func @bits(%k: !nn.key) -> tensor<4x33xi32> {
  %b = nn.rng.bits %k : tensor<4x33xi32>
  return %b : tensor<4x33xi32>
}

func.func @uniform(%k0: !nn.key, %k42: !nn.key) -> (tensor<3xf32>, tensor<4x257xf32>) {
  %u = nn.rng.uniform %k0 : tensor<3xf32>
  %r = nn.rng.uniform %k42 minval = -2.0 maxval = 3.0 : tensor<4x257xf32>
  return %u, %r : tensor<3xf32>, tensor<4x257xf32>
}

func.func @normal(%k3: !nn.key, %k0: !nn.key, %k3b: !nn.key) -> (tensor<64x64xf32>, tensor<f32>, tensor<64x64xf32>) {
  %n = nn.rng.normal %k3 : tensor<64x64xf32>
  %s = nn.rng.normal %k0 : tensor<f32>
  %t = nn.rng.truncated_normal %k3b lower = -2.0 upper = 2.0 : tensor<64x64xf32>
  return %n, %s, %t : tensor<64x64xf32>, tensor<f32>, tensor<64x64xf32>
}

func.func @bernoulli(%k: !nn.key) -> tensor<3x50xi1> {
  %b = nn.rng.bernoulli %k p = 0.25 : tensor<3x50xi1>
  return %b : tensor<3x50xi1>
}

func.func @perms(%a: !nn.key, %b: !nn.key, %c: !nn.key, %d: !nn.key)
    -> (tensor<10xi32>, tensor<1000xi32>, tensor<2000xi32>, tensor<10x2xf32>) {
  %p10 = nn.rng.permutation %a : tensor<10xi32>
  %p1000 = nn.rng.permutation %b : tensor<1000xi32>
  %p2000 = nn.rng.permutation %c : tensor<2000xi32>
  %x = arith.constant dense<[[0.0, 0.5], [1.0, 1.5], [2.0, 2.5], [3.0, 3.5], [4.0, 4.5],
                             [5.0, 5.5], [6.0, 6.5], [7.0, 7.5], [8.0, 8.5], [9.0, 9.5]]> : tensor<10x2xf32>
  %s = nn.rng.shuffle %x, %d : tensor<10x2xf32>
  return %p10, %p1000, %p2000, %s : tensor<10xi32>, tensor<1000xi32>, tensor<2000xi32>, tensor<10x2xf32>
}

func.func @dropout(%x: tensor<4x300xf32>, %k3: !nn.key, %k5: !nn.key, %k9: !nn.key)
    -> (tensor<4x300xf32>, tensor<4x300xf32>, tensor<4x300xf32>) {
  %a = nn.dropout %x, %k3 rate = 0.3 : tensor<4x300xf32>
  %b = nn.dropout %x, %k5 rate = 0.5 : tensor<4x300xf32>
  %c = nn.dropout %x, %k9 rate = 0.9 : tensor<4x300xf32>
  return %a, %b, %c : tensor<4x300xf32>, tensor<4x300xf32>, tensor<4x300xf32>
}
