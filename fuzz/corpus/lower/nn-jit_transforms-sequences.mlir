func.func @attention(%q: tensor<1x2x4x3xf32>, %k: tensor<1x2x5x3xf32>, %v: tensor<1x2x5x2xf32>,
                     %m: tensor<4x5xi1>, %kp: tensor<1x5xi1>) -> tensor<1x2x4x2xf32> {
  %0 = nn.attention %q, %k, %v mask %m key_padding_mask %kp causal scale = 0.5
      : (tensor<1x2x4x3xf32>, tensor<1x2x5x3xf32>, tensor<1x2x5x2xf32>, tensor<4x5xi1>, tensor<1x5xi1>) -> tensor<1x2x4x2xf32>
  return %0 : tensor<1x2x4x2xf32>
}

func.func @attention_plain(%q: tensor<2x1x3x4xf32>, %k: tensor<2x1x6x4xf32>, %v: tensor<2x1x6x3xf32>) -> tensor<2x1x3x3xf32> {
  %0 = nn.attention %q, %k, %v : (tensor<2x1x3x4xf32>, tensor<2x1x6x4xf32>, tensor<2x1x6x3xf32>) -> tensor<2x1x3x3xf32>
  return %0 : tensor<2x1x3x3xf32>
}

func.func @embedding(%ids: tensor<2x6xi32>, %table: tensor<5x3xf32>) -> (tensor<2x6x3xf32>, tensor<2x6x3xf32>, tensor<2x6xi1>) {
  %0 = nn.embedding %ids, %table : (tensor<2x6xi32>, tensor<5x3xf32>) -> tensor<2x6x3xf32>
  %1, %2 = nn.embedding %ids, %table mask_zero : (tensor<2x6xi32>, tensor<5x3xf32>) -> (tensor<2x6x3xf32>, tensor<2x6xi1>)
  return %0, %1, %2 : tensor<2x6x3xf32>, tensor<2x6x3xf32>, tensor<2x6xi1>
}

func.func @masking(%x: tensor<2x4x3xf32>, %y: tensor<2x4x2xf32>) -> (tensor<2x4x3xf32>, tensor<2x4xi1>, tensor<2x4x2xf32>, tensor<2x2xf32>) {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<2x4x3xf32> -> tensor<2x4x3xf32>, tensor<2x4xi1>
  %a = nn.apply_mask %y, %m : tensor<2x4x2xf32>, tensor<2x4xi1>
  %p = nn.global_avg_pool %a mask %m : (tensor<2x4x2xf32>, tensor<2x4xi1>) -> tensor<2x2xf32>
  return %d, %m, %a, %p : tensor<2x4x3xf32>, tensor<2x4xi1>, tensor<2x4x2xf32>, tensor<2x2xf32>
}

func.func @mask_ops(%x: tensor<3x4x4xf32>, %lengths: tensor<3xi32>, %m: tensor<4x4xi1>)
    -> (tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4xf32>, tensor<3x4xi1>, tensor<4x4xi1>) {
  %s = nn.sequence_mask %lengths : tensor<3xi32> -> tensor<3x4xi1>
  %c = nn.causal_mask : tensor<4x4xi1>
  %n = nn.mask_not %m : tensor<4x4xi1>
  %a = nn.mask_and %c, %n : tensor<4x4xi1>
  %nc = nn.mask_not %c : tensor<4x4xi1>
  %o = nn.mask_or %a, %nc : tensor<4x4xi1>
  %y = nn.softmax %x mask %a : tensor<3x4x4xf32>, tensor<4x4xi1>
  %z = nn.softmax %x mask %o : tensor<3x4x4xf32>, tensor<4x4xi1>
  %p = nn.global_avg_pool %x mask %s : (tensor<3x4x4xf32>, tensor<3x4xi1>) -> tensor<3x4xf32>
  return %y, %z, %p, %s, %o : tensor<3x4x4xf32>, tensor<3x4x4xf32>, tensor<3x4xf32>, tensor<3x4xi1>, tensor<4x4xi1>
}
