func.func @jax_example(%x: tensor<3xf32>) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %x0 = tensor.extract %x[%c0] : tensor<3xf32>
  %x1 = tensor.extract %x[%c1] : tensor<3xf32>
  %x2 = tensor.extract %x[%c2] : tensor<3xf32>
  %five = arith.constant 5.0 : f32
  %four = arith.constant 4.0 : f32
  %two = arith.constant 2.0 : f32
  %y1 = arith.mulf %five, %x2 : f32
  %sq = arith.mulf %x1, %x1 : f32
  %a = arith.mulf %four, %sq : f32
  %b = arith.mulf %two, %x2 : f32
  %y2 = arith.subf %a, %b : f32
  %s = math.sin %x0 : f32
  %y3 = arith.mulf %x2, %s : f32
  %y = tensor.from_elements %x0, %y1, %y2, %y3 : tensor<4xf32>
  return %y : tensor<4xf32>
}

func.func @mlp(%x: tensor<8x4xf32>, %w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
               %w2: tensor<16x3xf32> {nn.name = "w2"}, %b2: tensor<3xf32> {nn.name = "b2"}) -> tensor<8x3xf32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<8x4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %t = nn.tanh %h : tensor<8x16xf32>
  %y = nn.dense %t, %w2, %b2 : (tensor<8x16xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<8x3xf32>
  return %y : tensor<8x3xf32>
}

func.func @relu_at_zero(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = nn.relu %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @masked_mean(%x: tensor<2x3x1xf32>, %m: tensor<2x3xi1>) -> tensor<2x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<2x3x1xf32>, tensor<2x3xi1>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

func.func @drop(%x: tensor<8xf32>, %k: !nn.key) -> tensor<8xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @two(%x: tensor<1x2xf32>, %w: tensor<2x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>) {
  %y = nn.dense %x, %w : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %z = nn.relu %x : tensor<1x2xf32>
  return %y, %z : tensor<1x2xf32>, tensor<1x2xf32>
}
