func.func @f(%x: tensor<2x2xf32>, %w: tensor<2xf32> {nn.name = "w"}) -> tensor<2x2xf32> {
  %0 = nn.relu %x : tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
