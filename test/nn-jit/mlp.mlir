// The foundation's MLP through nn-jit: weights by name from an .npz, the
// input from an .npy, the result written to .npy and compared with NumPy
// (float64 reference from the same float32 data, |d| <= 1e-5 |ref| + 1e-6).
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: %python %S/Inputs/make_mlp_data.py %t
// RUN: nn-jit %s --params=@%t/weights.npz --input=@%t/x.npy --output=@%t/probs.npy --cache-stats | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/probs.npy %t/expected.npy 1e-5 1e-6 | FileCheck %s --check-prefix=MATCH
// CHECK: @mlp
// CHECK-NEXT: result 0 (probs): tensor<4x10xf32>
// CHECK: cache: compiled=1 memory_hits=0 disk_hits=0
// MATCH: MATCH 40 values

// Every layer exported: the softmax is also the function's result, so the
// lowered function returns one buffer twice (it crashed in upstream's
// buffer-results-to-out-params; see nn-distinct-returned-buffers).
// RUN: nn-jit %s --export-all-layers --params=@%t/weights.npz --input=@%t/x.npy --output=@%t/layers.npz > /dev/null
// RUN: %python %S/Inputs/check_mlp_layers.py %t %t/layers.npz | FileCheck %s --check-prefix=LAYERS
// LAYERS:      results: dense_0, dense_1, probs, relu_0, softmax_0
// LAYERS-NEXT: MATCH probs
// LAYERS-NEXT: MATCH dense_0
// LAYERS-NEXT: MATCH relu_0
// LAYERS-NEXT: MATCH dense_1
// LAYERS-NEXT: MATCH softmax_0

func.func @mlp(%x: tensor<4x784xf32>,
               %w1: tensor<784x128xf32> {nn.name = "w1"}, %b1: tensor<128xf32> {nn.name = "b1"},
               %w2: tensor<128x10xf32> {nn.name = "w2"}, %b2: tensor<10xf32> {nn.name = "b2"})
    -> (tensor<4x10xf32> {nn.name = "probs"}) {
  %h = nn.dense %x, %w1, %b1 : (tensor<4x784xf32>, tensor<784x128xf32>, tensor<128xf32>) -> tensor<4x128xf32>
  %a = nn.relu %h : tensor<4x128xf32>
  %o = nn.dense %a, %w2, %b2 : (tensor<4x128xf32>, tensor<128x10xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  %p = nn.softmax %o : tensor<4x10xf32>
  return %p : tensor<4x10xf32>
}
