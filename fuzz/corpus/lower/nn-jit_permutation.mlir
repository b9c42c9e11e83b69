func.func @perms(%k: !nn.key) -> (tensor<10xi32>, tensor<1000xi32>, tensor<2000xi32>, tensor<10x2xf32>) {
  %p10 = nn.rng.permutation %k : tensor<10xi32>
  %p1000 = nn.rng.permutation %k : tensor<1000xi32>
  %p2000 = nn.rng.permutation %k : tensor<2000xi32>
  %x = arith.constant dense<[[0.0, 0.5], [1.0, 1.5], [2.0, 2.5], [3.0, 3.5], [4.0, 4.5],
                             [5.0, 5.5], [6.0, 6.5], [7.0, 7.5], [8.0, 8.5], [9.0, 9.5]]> : tensor<10x2xf32>
  %s = nn.rng.shuffle %x, %k : tensor<10x2xf32>
  return %p10, %p1000, %p2000, %s : tensor<10xi32>, tensor<1000xi32>, tensor<2000xi32>, tensor<10x2xf32>
}
