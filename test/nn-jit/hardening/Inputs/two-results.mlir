// Two results, for one --output per result.
func.func @f(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = nn.relu %x : tensor<2x2xf32>
  %1 = arith.negf %x : tensor<2x2xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<2x2xf32>
}
