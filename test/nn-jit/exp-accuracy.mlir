// f32 exp (nn-lower-vectors: the table lookup on hosts with AVX-512, the
// polynomial elsewhere) against NumPy's float64 exp rounded to f32: within 2
// units in the last place over the whole range of normal results down to
// 2^-125 (the polynomial is within 1.31 ulp of the exact value, the table
// within 1.07; upstream MLIR's polynomial was 5.3 ulp near FLT_MAX), on 1
// and 2 threads alike. Special values worked by hand: exp(+-0) = 1,
// exp(-inf) = 0, exp(inf) = inf, NaN stays NaN, results above FLT_MAX
// (x > 88.7228) are inf and results below 2^-125.5 (x < -86.99; with the
// table below 2^-125, x < -86.64) are 0.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(7); x = np.concatenate([r.uniform(-1, 1, 1 << 16), r.uniform(-86.6, 88.72, 1 << 18), r.uniform(80, 88.7228, 1 << 16), r.normal(0, 10, 1 << 17)]).astype(np.float32).reshape(512, 1024); x = np.clip(x, -86.6, 88.7228).astype(np.float32); np.save('%t/x.npy', x); np.save('%t/want.npy', np.exp(x.astype(np.float64)).astype(np.float32))"
// RUN: nn-jit %s --function=exp --no-cache --threads=1 --input=@%t/x.npy --output=@%t/one.npy
// RUN: nn-jit %s --function=exp --no-cache --threads=2 --input=@%t/x.npy --output=@%t/two.npy
// RUN: cmp %t/one.npy %t/two.npy
// RUN: %python %S/Inputs/compare_npy.py %t/two.npy %t/want.npy ulp 2 | FileCheck %s --check-prefix=RANGE
// RANGE: MATCH 524288 values
// RUN: nn-jit %s --function=special --no-cache --input="12xf32=0,-0,inf,-inf,nan,1,89,100,1e30,-87,-100,-1e30" | FileCheck %s --check-prefix=SPECIAL
// SPECIAL: [1, 1, inf, 0, {{-?nan}}, 2.718282, inf, inf, inf, 0, 0, 0]

#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @exp(%x: tensor<512x1024xf32>) -> tensor<512x1024xf32> {
  %init = tensor.empty() : tensor<512x1024xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<512x1024xf32>) outs(%init : tensor<512x1024xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<512x1024xf32>
  return %0 : tensor<512x1024xf32>
}

#row = affine_map<(d0) -> (d0)>
func.func @special(%x: tensor<12xf32>) -> tensor<12xf32> {
  %init = tensor.empty() : tensor<12xf32>
  %0 = linalg.generic {indexing_maps = [#row, #row], iterator_types = ["parallel"]}
      ins(%x : tensor<12xf32>) outs(%init : tensor<12xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<12xf32>
  return %0 : tensor<12xf32>
}
