func.func @masks(%len: tensor<3xi32>, %x: tensor<3x4x1xf32>)
    -> (tensor<3x4xi1>, tensor<3x3xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4x1xf32>) {
  %s = nn.sequence_mask %len : tensor<3xi32> -> tensor<3x4xi1>
  %c = nn.causal_mask : tensor<3x3xi1>
  %n = nn.mask_not %s : tensor<3x4xi1>
  %three = arith.constant dense<3> : tensor<3xi32>
  %t = nn.sequence_mask %three : tensor<3xi32> -> tensor<3x4xi1>
  %and = nn.mask_and %s, %t : tensor<3x4xi1>
  %none = nn.mask_and %s, %n : tensor<3x4xi1>
  %or = nn.mask_or %none, %and : tensor<3x4xi1>
  %a = nn.apply_mask %x, %s : tensor<3x4x1xf32>, tensor<3x4xi1>
  return %s, %c, %n, %or, %a : tensor<3x4xi1>, tensor<3x3xi1>, tensor<3x4xi1>, tensor<3x4xi1>, tensor<3x4x1xf32>
}
