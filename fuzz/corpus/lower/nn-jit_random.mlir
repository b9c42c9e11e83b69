func.func @threefry(%k0: !nn.key, %k1: !nn.key, %k2: !nn.key, %c: tensor<3x2xi32>)
    -> (tensor<3x2xi32>, tensor<3x2xi32>, tensor<3x2xi32>) {
  %0 = nn.rng.threefry2x32 %k0, %c : tensor<3x2xi32>
  %1 = nn.rng.threefry2x32 %k1, %c : tensor<3x2xi32>
  %2 = nn.rng.threefry2x32 %k2, %c : tensor<3x2xi32>
  return %0, %1, %2 : tensor<3x2xi32>, tensor<3x2xi32>, tensor<3x2xi32>
}

func.func @fold_and_split(%k: !nn.key) -> (!nn.key, !nn.key, tensor<2x!nn.key>) {
  %c0 = arith.constant dense<0> : tensor<i32>
  %c1 = arith.constant dense<1> : tensor<i32>
  %a = nn.rng.fold_in %k, %c0 : tensor<i32>
  %b = nn.rng.fold_in %k, %c1 : tensor<i32>
  %s = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  return %a, %b, %s : !nn.key, !nn.key, tensor<2x!nn.key>
}

func.func @uniform(%k: !nn.key) -> (tensor<f32>, tensor<3xf32>) {
  %u = nn.rng.uniform %k : tensor<f32>
  %v = nn.rng.uniform %k : tensor<3xf32>
  return %u, %v : tensor<f32>, tensor<3xf32>
}

func.func @uniform_range(%k: !nn.key) -> tensor<4x257xf32> {
  %u = nn.rng.uniform %k minval = -2.0 maxval = 3.0 : tensor<4x257xf32>
  return %u : tensor<4x257xf32>
}

func.func @identity(%a: !nn.key, %b: !nn.key, %c: !nn.key) -> (!nn.key, !nn.key, !nn.key) {
  return %a, %b, %c : !nn.key, !nn.key, !nn.key
}
