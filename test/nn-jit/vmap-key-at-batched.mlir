// nn-vmap of nn.rng.key_at on a batched key array (the slice of each
// example's own split). Expected: example i draws from key 1 of split(key
// i) (docs/transformations/Vmap.md: "a batch of keys gives example i
// exactly the randomness of key i"), from the independent NumPy threefry
// (Inputs/threefry_reference.py). (A shared key array:
// transforms-random.mlir.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import sys; sys.path.insert(0, '%S/Inputs'); import numpy as np, threefry_reference as t; np.save('%t/want.npy', np.stack([t.uniform(*t.threefry2x32(0, s, 0, 1), (4,), 0.0, 1.0) for s in (1, 2)]))"
// RUN: nn-jit %s --cache-dir=%t.nn-jit-cache --prepare='builtin.module(nn-vmap{function=f in-axes=0 batch=2})' --function=f_vmap \
// RUN:   --input=2x2xui32=0,1,0,2 --output=@%t/out.npy > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/out.npy %t/want.npy 0 0 | FileCheck %s
// CHECK: MATCH 8 values
func.func @f(%k: !nn.key) -> tensor<4xf32> {
  %ks = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %u = nn.rng.uniform %k1 : tensor<4xf32>
  return %u : tensor<4xf32>
}
