// RUN: nn-opt %s --nn-pack-bound-weights -verify-diagnostics

// The packing function's name is taken: an error, nothing is overwritten.
// expected-error @below {{cannot pack its bound kernels: the module already has a function named 'dense.pack_weights'}}
func.func @dense(%x: tensor<4x64xf32>, %w: tensor<64x64xf32> {nn.bound}) -> tensor<4x64xf32> {
  %y = nn.dense %x, %w : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  return %y : tensor<4x64xf32>
}
func.func @dense.pack_weights(%w: tensor<64x64xf32>) -> tensor<64x64xf32> {
  return %w : tensor<64x64xf32>
}
