// nn-vmap of nn.rng.shuffle with a batched input (the body gathers rows of
// each example's own input), with the key shared, then batched.
// Expected: each example's rows in the order permutation(key, 4) of the
// independent NumPy threefry (Inputs/threefry_reference.py). (A shared
// input with batched keys: transforms-random.mlir.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import sys; sys.path.insert(0, '%S/Inputs'); import numpy as np, threefry_reference as t; x = np.arange(16, dtype=np.float32).reshape(2, 4, 2); np.save('%t/want.npy', x[:, t.permutation(0, 5, 4)])"
// RUN: nn-jit %s --cache-dir=%t.nn-jit-cache --prepare='builtin.module(nn-vmap{function=f in-axes=0,none batch=2})' --function=f_vmap \
// RUN:   --input=2x4x2xf32=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 --input=key:5 --output=@%t/out.npy > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/out.npy %t/want.npy 0 0 | FileCheck %s
// RUN: %python -c "import sys; sys.path.insert(0, '%S/Inputs'); import numpy as np, threefry_reference as t; x = np.arange(16, dtype=np.float32).reshape(2, 4, 2); np.save('%t/want2.npy', np.stack([x[0][t.permutation(0, 5, 4)], x[1][t.permutation(0, 9, 4)]]))"
// RUN: nn-jit %s --cache-dir=%t.nn-jit-cache --prepare='builtin.module(nn-vmap{function=f in-axes=0,0 batch=2})' --function=f_vmap \
// RUN:   --input=2x4x2xf32=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 --input=2x2xui32=0,5,0,9 --output=@%t/out2.npy > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/out2.npy %t/want2.npy 0 0 | FileCheck %s
// CHECK: MATCH 16 values
func.func @f(%x: tensor<4x2xf32>, %k: !nn.key) -> tensor<4x2xf32> {
  %s = nn.rng.shuffle %x, %k : tensor<4x2xf32>
  return %s : tensor<4x2xf32>
}
