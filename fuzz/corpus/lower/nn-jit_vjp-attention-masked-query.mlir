func.func @f(%q: tensor<1x1x2x2xf32>, %k: tensor<1x1x2x2xf32>, %v: tensor<1x1x2x2xf32>, %kp: tensor<1x2xi1>) -> tensor<1x1x2x2xf32> {
  %0 = nn.attention %q, %k, %v key_padding_mask %kp causal
      : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x2xi1>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
