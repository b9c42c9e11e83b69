// A softmax whose input an elementwise op computes (relu) and that other
// ops read too: the strategy leaves the relu to the max's chunks (its first
// chunked reduction), whose loop yields it for the exponentials; returned
// as a result besides, it keeps tiles of its own. And a softmax of a
// softmax, whose first output is returned too. NumPy's float64 values
// within float32 rounding, the same bytes on 1 and 2 threads. (The relu
// was once fused, through the exponentials, into the sum's loop too, and
// its uses in the max, before that loop, read a value not yet computed:
// NaN everywhere.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; x = np.random.default_rng(3).normal(0, 4, (64, 4096)).astype(np.float32); np.save('%t/x.npy', x); \
// RUN:   d = x.astype(np.float64); sm = lambda v: np.exp(v - v.max(1, keepdims=True)) / np.exp(v - v.max(1, keepdims=True)).sum(1, keepdims=True); \
// RUN:   r = np.maximum(d, 0); np.save('%t/relu_ref.npy', r); np.save('%t/s_ref.npy', sm(r)); np.save('%t/ss_ref.npy', sm(sm(r)))"
// RUN: nn-opt %s --pass-pipeline="builtin.module(nn-lower-to-linalg,nn-tile-and-vectorize)" -o /dev/null
// RUN: nn-jit %s --function=relu_softmax --no-cache --threads=1 --input=@%t/x.npy --output=@%t/s1.npy --output=@%t/r1.npy
// RUN: nn-jit %s --function=relu_softmax --no-cache --threads=2 --input=@%t/x.npy --output=@%t/s2.npy --output=@%t/r2.npy
// RUN: nn-jit %s --function=softmax_twice --no-cache --threads=2 --input=@%t/x.npy --output=@%t/t0.npy --output=@%t/t1.npy
// RUN: cmp %t/s1.npy %t/s2.npy
// RUN: cmp %t/r1.npy %t/r2.npy
// RUN: %python %S/Inputs/compare_npy.py %t/s2.npy %t/s_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/r2.npy %t/relu_ref.npy 0 0 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/t0.npy %t/s_ref.npy 1e-5 1e-6 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/t1.npy %t/ss_ref.npy 1e-5 1e-6 | FileCheck %s
// CHECK: MATCH 262144 values

func.func @relu_softmax(%x: tensor<64x4096xf32>) -> (tensor<64x4096xf32>, tensor<64x4096xf32>) {
  %y = nn.relu %x : tensor<64x4096xf32>
  %s = nn.softmax %y axis = 1 : tensor<64x4096xf32>
  return %s, %y : tensor<64x4096xf32>, tensor<64x4096xf32>
}

func.func @softmax_twice(%x: tensor<64x4096xf32>) -> (tensor<64x4096xf32>, tensor<64x4096xf32>) {
  %y = nn.relu %x : tensor<64x4096xf32>
  %s = nn.softmax %y axis = 1 : tensor<64x4096xf32>
  %t = nn.softmax %s axis = 1 : tensor<64x4096xf32>
  return %s, %t : tensor<64x4096xf32>, tensor<64x4096xf32>
}
