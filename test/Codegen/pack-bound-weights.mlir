// RUN: nn-opt %s -split-input-file --nn-pack-bound-weights | FileCheck %s
// RUN: nn-opt %s -split-input-file --nn-pack-bound-weights=panel-width=16 | FileCheck %s --check-prefix=W16

// A bound 64 x 96 kernel becomes 3 panels of 32 columns (6 panels of 16
// with panel-width=16), read through an unpack; the packing
// function takes the kernel by its name and returns the panels. The
// unbound input and the bias are left as they are.
// CHECK-LABEL: func.func @dense(
// CHECK-SAME: %[[X:.*]]: tensor<4x64xf32>,
// CHECK-SAME: %[[W:.*]]: tensor<3x64x32xf32> {nn.bound, nn.name = "w"},
// CHECK-SAME: %[[B:.*]]: tensor<96xf32> {nn.bound, nn.name = "b"})
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<64x96xf32>
// CHECK: %[[KERNEL:.*]] = linalg.unpack %[[W]] outer_dims_perm = [1, 0] inner_dims_pos = [1] inner_tiles = [32] into %[[EMPTY]] : tensor<3x64x32xf32> -> tensor<64x96xf32>
// CHECK: nn.dense %[[X]], %[[KERNEL]], %[[B]]
// CHECK-LABEL: func.func @dense.pack_weights(
// CHECK-SAME: %[[K:.*]]: tensor<64x96xf32> {nn.name = "w"}) -> (tensor<3x64x32xf32> {nn.name = "w"})
// CHECK: %[[SPLIT:.*]] = tensor.expand_shape %[[K]] {{\[}}[0], [1, 2]] output_shape [64, 3, 32] : tensor<64x96xf32> into tensor<64x3x32xf32>
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<3x64x32xf32>
// CHECK: %[[PANELS:.*]] = linalg.transpose ins(%[[SPLIT]] : tensor<64x3x32xf32>) outs(%[[INIT]] : tensor<3x64x32xf32>) permutation = [1, 0, 2]
// CHECK: return %[[PANELS]]
// W16-LABEL: func.func @dense(
// W16-SAME: tensor<6x64x16xf32>
// W16: linalg.unpack {{.*}} inner_tiles = [16]
// W16-LABEL: func.func @dense.pack_weights(
// W16-SAME: -> (tensor<6x64x16xf32> {nn.name = "w"})
func.func @dense(%x: tensor<4x64xf32>, %w: tensor<64x96xf32> {nn.name = "w", nn.bound},
                 %b: tensor<96xf32> {nn.name = "b", nn.bound}) -> tensor<4x96xf32> {
  %y = nn.dense %x, %w, %b : (tensor<4x64xf32>, tensor<64x96xf32>, tensor<96xf32>) -> tensor<4x96xf32>
  return %y : tensor<4x96xf32>
}

// -----

// Columns that are not a whole number of panels: the last panel is padded
// with zero columns when packed, and the unpack drops them (64 x 100: 4
// panels of 32, 7 of 16). A kernel narrower than a panel is packed when it
// is more than half as wide (10 columns: one panel of 16, left alone by
// panels of 32).
// CHECK-LABEL: func.func @padded(
// CHECK-SAME: %{{.*}}: tensor<4x64xf32>, %[[RAGGED:.*]]: tensor<4x64x32xf32> {nn.bound}, %{{.*}}: tensor<64x10xf32> {nn.bound})
// CHECK: linalg.unpack %[[RAGGED]] {{.*}} inner_tiles = [32] into %{{.*}} : tensor<4x64x32xf32> -> tensor<64x100xf32>
// CHECK-LABEL: func.func @padded.pack_weights(
// CHECK-SAME: %[[K:.*]]: tensor<64x100xf32>) -> tensor<4x64x32xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %[[K]] low[0, 0] high[0, 28]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: tensor.expand_shape %[[PAD]] {{\[}}[0], [1, 2]] output_shape [64, 4, 32]
// CHECK: linalg.transpose
// W16-LABEL: func.func @padded(
// W16-SAME: tensor<7x64x16xf32> {nn.bound}, %{{.*}}: tensor<1x64x16xf32> {nn.bound})
// W16: linalg.unpack {{.*}} : tensor<7x64x16xf32> -> tensor<64x100xf32>
// W16: linalg.unpack {{.*}} : tensor<1x64x16xf32> -> tensor<64x10xf32>
// W16-LABEL: func.func @padded.pack_weights(
// W16: tensor.pad %{{.*}} high[0, 12]
// W16: tensor.pad %{{.*}} high[0, 6]
func.func @padded(%x: tensor<4x64xf32>, %ragged: tensor<64x100xf32> {nn.bound},
                  %narrow: tensor<64x10xf32> {nn.bound})
    -> (tensor<4x100xf32>, tensor<4x10xf32>) {
  %a = nn.dense %x, %ragged : (tensor<4x64xf32>, tensor<64x100xf32>) -> tensor<4x100xf32>
  %b = nn.dense %x, %narrow : (tensor<4x64xf32>, tensor<64x10xf32>) -> tensor<4x10xf32>
  return %a, %b : tensor<4x100xf32>, tensor<4x10xf32>
}

// -----

// Left as they are: a kernel not bound, one of at most half a panel (4
// columns), one of exactly one panel (32 columns; the same layout already),
// one that something other than a dense kernel operand reads, and private
// functions.
// CHECK-LABEL: func.func @not_packed(
// CHECK-SAME: tensor<64x64xf32>, %{{.*}}: tensor<64x4xf32> {nn.bound}, %{{.*}}: tensor<64x32xf32> {nn.bound}, %{{.*}}: tensor<64x64xf32> {nn.bound})
// CHECK-NOT: linalg.unpack
// CHECK-NOT: pack_weights
func.func @not_packed(%x: tensor<4x64xf32>, %free: tensor<64x64xf32>,
                      %narrow: tensor<64x4xf32> {nn.bound},
                      %panel: tensor<64x32xf32> {nn.bound},
                      %shared: tensor<64x64xf32> {nn.bound})
    -> (tensor<4x64xf32>, tensor<4x4xf32>, tensor<4x32xf32>, tensor<64x64xf32>) {
  %a = nn.dense %x, %free : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  %b = nn.dense %x, %narrow : (tensor<4x64xf32>, tensor<64x4xf32>) -> tensor<4x4xf32>
  %c = nn.dense %x, %panel : (tensor<4x64xf32>, tensor<64x32xf32>) -> tensor<4x32xf32>
  %d = nn.dense %shared, %shared : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  return %a, %b, %c, %d : tensor<4x64xf32>, tensor<4x4xf32>, tensor<4x32xf32>, tensor<64x64xf32>
}
func.func private @helper(%x: tensor<4x64xf32>, %w: tensor<64x64xf32> {nn.bound}) -> tensor<4x64xf32> {
  %y = nn.dense %x, %w : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  return %y : tensor<4x64xf32>
}
