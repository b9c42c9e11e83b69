// Fusion changes where values are computed, never their bits: a dense layer
// with its bias and relu fused into the matmul's tiles (and written into its
// accumulator) against the matmul, then bias + relu in a second call; a
// softmax whose four ops share one cache tile per row (max, exponentials
// computed once, sum in 64 partial lanes, multiplication by 1 / sum) against the same four
// linalg ops compiled as four functions and called one after the other. The
// outputs must be the same bytes (a fixed reduction order set by the shapes,
// no FMA contraction across ops).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/make_dense_data.py %t 64 784 512
// RUN: %python -c "import numpy as np; np.save('%t/s.npy', np.random.default_rng(2).normal(0, 3, (64, 4096)).astype(np.float32))"
// RUN: nn-jit %s --function=layer --no-cache --input=@%t/x.npy --input=@%t/w.npy --input=@%t/b.npy --output=@%t/fused.npy
// RUN: nn-jit %s --function=matmul --no-cache --input=@%t/x.npy --input=@%t/w.npy --output=@%t/h.npy
// RUN: nn-jit %s --function=bias_relu --no-cache --input=@%t/h.npy --input=@%t/b.npy --output=@%t/unfused.npy
// RUN: cmp %t/fused.npy %t/unfused.npy
// RUN: %python %S/Inputs/compare_npy.py %t/fused.npy %t/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=LAYER
// LAYER: MATCH 32768 values
// RUN: nn-jit %s --function=softmax --no-cache --input=@%t/s.npy --output=@%t/softmax_fused.npy
// RUN: nn-jit %s --function=row_max --no-cache --input=@%t/s.npy --output=@%t/max.npy
// RUN: nn-jit %s --function=exp_centred --no-cache --input=@%t/s.npy --input=@%t/max.npy --output=@%t/exps.npy
// RUN: nn-jit %s --function=row_sum --no-cache --input=@%t/exps.npy --output=@%t/sum.npy
// RUN: nn-jit %s --function=divide --no-cache --input=@%t/exps.npy --input=@%t/sum.npy --output=@%t/softmax_unfused.npy
// RUN: cmp %t/softmax_fused.npy %t/softmax_unfused.npy
// The fused softmax is one parallel loop over rows; exp is computed once.
// RUN: nn-opt %s --nn-lower-to-linalg --nn-tile-and-vectorize | FileCheck %s --check-prefix=FUSED
// FUSED-LABEL: func.func @softmax
// FUSED: scf.forall
// FUSED: math.exp
// FUSED-NOT: {{math.exp|scf.forall }}
// FUSED-LABEL: func.func @layer

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>

func.func @softmax(%x: tensor<64x4096xf32>) -> tensor<64x4096xf32> {
  %0 = nn.softmax %x axis = 1 : tensor<64x4096xf32>
  return %0 : tensor<64x4096xf32>
}

func.func @layer(%x: tensor<64x784xf32>, %w: tensor<784x512xf32>, %b: tensor<512xf32>) -> tensor<64x512xf32> {
  %h = nn.dense %x, %w, %b : (tensor<64x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<64x512xf32>
  %y = nn.relu %h : tensor<64x512xf32>
  return %y : tensor<64x512xf32>
}

func.func @matmul(%x: tensor<64x784xf32>, %w: tensor<784x512xf32>) -> tensor<64x512xf32> {
  %h = nn.dense %x, %w : (tensor<64x784xf32>, tensor<784x512xf32>) -> tensor<64x512xf32>
  return %h : tensor<64x512xf32>
}

func.func @bias_relu(%h: tensor<64x512xf32>, %b: tensor<512xf32>) -> tensor<64x512xf32> {
  %e = tensor.empty() : tensor<64x512xf32>
  %y = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%h, %b : tensor<64x512xf32>, tensor<512xf32>) outs(%e : tensor<64x512xf32>) {
  ^bb0(%v: f32, %c: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %s = arith.addf %v, %c : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<64x512xf32>
  return %y : tensor<64x512xf32>
}

func.func @row_max(%x: tensor<64x4096xf32>) -> tensor<64xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<64xf32>
  %init = linalg.fill ins(%ninf : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %m = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x4096xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.maximumf %acc, %v : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  return %m : tensor<64xf32>
}

func.func @exp_centred(%x: tensor<64x4096xf32>, %m: tensor<64xf32>) -> tensor<64x4096xf32> {
  %e = tensor.empty() : tensor<64x4096xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %m : tensor<64x4096xf32>, tensor<64xf32>) outs(%e : tensor<64x4096xf32>) {
  ^bb0(%v: f32, %c: f32, %o: f32):
    %d = arith.subf %v, %c : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> tensor<64x4096xf32>
  return %y : tensor<64x4096xf32>
}

func.func @row_sum(%x: tensor<64x4096xf32>) -> tensor<64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x4096xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  return %s : tensor<64xf32>
}

func.func @divide(%x: tensor<64x4096xf32>, %s: tensor<64xf32>) -> tensor<64x4096xf32> {
  %e = tensor.empty() : tensor<64x4096xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : tensor<64x4096xf32>, tensor<64xf32>) outs(%e : tensor<64x4096xf32>) {
  ^bb0(%v: f32, %c: f32, %o: f32):
    %one = arith.constant 1.0 : f32
    %inverse = arith.divf %one, %c : f32
    %r = arith.mulf %v, %inverse : f32
    linalg.yield %r : f32
  } -> tensor<64x4096xf32>
  return %y : tensor<64x4096xf32>
}
