// Batching through nn-jit: nn-vmap adds f_vmap, f over a new leading axis
// with JAX's in_axes (an axis or none = shared, per argument; one value for
// all) and out_axes, loaded and run like any function.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/vmap_reference.py %t

// A per-example MLP batched to 8, against NumPy (float64 from the same
// float32 data; |d| <= 1e-5 |ref| + 1e-5).
// RUN: nn-jit %s --no-cache --prepare='builtin.module(nn-vmap{function=mlp in-axes=0,none,none,none,none batch=8})' --function=mlp_vmap --params=@%t/params.npz --input=@%t/x.npy --output=@%t/y.npy
// RUN: %python %S/Inputs/compare_npy.py %t/y.npy %t/expected_y.npy 1e-5 1e-5 | FileCheck %s --check-prefix=Y
// Y: MATCH 24 values

// The batch axis anywhere (in_axes=1, out_axes=-1): x given as [4, 8], the
// result as [3, 8].
// RUN: %python -c "import numpy as np; np.save('%t/xt.npy', np.load('%t/x.npy').T.copy()); np.save('%t/expected_yt.npy', np.load('%t/expected_y.npy').T.copy())"
// RUN: nn-jit %s --no-cache --prepare='builtin.module(nn-vmap{function=mlp in-axes=1,none,none,none,none out-axes=-1 batch=8})' --function=mlp_vmap --params=@%t/params.npz --input=@%t/xt.npy --output=@%t/yt.npy
// RUN: %python %S/Inputs/compare_npy.py %t/yt.npy %t/expected_yt.npy 1e-5 1e-5 | FileCheck %s --check-prefix=Y

// Case 4 of docs/Motivation.md, per-example Jacobians vmap(jacfwd(mlp)),
// compiled once: [8, 3, 4], each J_b as jax.jacfwd lays it out (output
// shape, then input shape). The reference is analytic, confirmed by central
// differences.
// RUN: nn-jit %s --no-cache --cache-stats --prepare='builtin.module(nn-jacfwd{function=mlp},nn-vmap{function=mlp_jacfwd in-axes=0,none,none,none,none batch=8})' --function=mlp_jacfwd_vmap --params=@%t/params.npz --input=@%t/x.npy --output=@%t/j.npy 2>&1 | FileCheck %s --check-prefix=ONCE
// ONCE: compiled=1
// RUN: %python %S/Inputs/compare_npy.py %t/j.npy %t/expected_j.npy 1e-5 1e-5 | FileCheck %s --check-prefix=JAC
// And against central differences of the compiled MLP itself (float32,
// h = 1e-2: truncation h^2/6 |f'''| ~ 5e-5, rounding ~6e-8 |f| / h: 2e-4).
// RUN: nn-jit %s --no-cache --prepare='builtin.module(nn-vmap{function=mlp in-axes=0,none,none,none,none batch=32})' --function=mlp_vmap --params=@%t/params.npz --input=@%t/x_plus.npy --output=@%t/y_plus.npy
// RUN: nn-jit %s --no-cache --prepare='builtin.module(nn-vmap{function=mlp in-axes=0,none,none,none,none batch=32})' --function=mlp_vmap --params=@%t/params.npz --input=@%t/x_minus.npy --output=@%t/y_minus.npy
// RUN: %python -c "import numpy as np; fd = (np.load('%t/y_plus.npy').astype(np.float64) - np.load('%t/y_minus.npy')) / 2e-2; np.save('%t/fd.npy', fd.reshape(8, 4, 3).transpose(0, 2, 1).copy())"
// RUN: %python %S/Inputs/compare_npy.py %t/j.npy %t/fd.npy 0 2e-4 | FileCheck %s --check-prefix=JAC
// The same by hand, as vmap over the basis of the JVP: [8, 4, 3] holds J_b^T.
// RUN: nn-jit %s --no-cache --prepare='builtin.module(nn-jvp{function=mlp wrt=0},nn-vmap{function=mlp_jvp in-axes=none,none,none,none,none,0 batch=4},nn-vmap{function=mlp_jvp_vmap in-axes=0,none,none,none,none,none batch=8})' --function=mlp_jvp_vmap_vmap --params=@%t/params.npz --input=@%t/x.npy --input=@%t/eye.npy --output=@%t/y4.npy --output=@%t/jt.npy
// RUN: %python %S/Inputs/compare_npy.py %t/jt.npy %t/expected_jt.npy 1e-5 1e-5 | FileCheck %s --check-prefix=JAC
// JAC: MATCH 96 values

// A batch of keys gives each example exactly the randomness of its own key:
// row i of drop_vmap(x, [k1, k2, k3]) is drop(x_i, k_i), bit for bit.
// RUN: %python -c "import numpy as np; np.save('%t/keys.npy', np.array([[0, 1], [0, 2], [0, 3]], np.uint32)); np.save('%t/ones.npy', np.ones((3, 16), np.float32))"
// RUN: nn-jit %s --no-cache --training --prepare='builtin.module(nn-vmap{function=drop in-axes=0 batch=3})' --function=drop_vmap --input=@%t/ones.npy --input=@%t/keys.npy --output=@%t/batched.npy
// RUN: nn-jit %s --no-cache --training --function=drop --input=16xf32=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1 --input=key:1 --output=@%t/row1.npy
// RUN: nn-jit %s --no-cache --training --function=drop --input=16xf32=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1 --input=key:2 --output=@%t/row2.npy
// RUN: nn-jit %s --no-cache --training --function=drop --input=16xf32=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1 --input=key:3 --output=@%t/row3.npy
// RUN: %python -c "import numpy as np; np.save('%t/rows.npy', np.stack([np.load('%t/row%%d.npy' %% i) for i in (1, 2, 3)]))"
// RUN: %python %S/Inputs/compare_npy.py %t/batched.npy %t/rows.npy ulp 0 | FileCheck %s --check-prefix=KEYS
// KEYS: MATCH 48 values
// Rows from different keys differ (a vmap that reused one key would not).
// RUN: %python -c "import numpy as np; b = np.load('%t/batched.npy'); print(sorted(set(b.ravel().tolist())), (b[0] != b[1]).any() and (b[1] != b[2]).any())" | FileCheck %s --check-prefix=DIFFER
// DIFFER: [0.0, 2.0] True
// A shared key (in_axes=None) drops the same entries in every example.
// RUN: nn-jit %s --no-cache --training --prepare='builtin.module(nn-vmap{function=drop in-axes=0,none batch=3})' --function=drop_vmap --input=@%t/ones.npy --input=key:1 --output=@%t/shared.npy
// RUN: %python -c "import numpy as np; s = np.load('%t/shared.npy'); print((s == np.load('%t/row1.npy')).all())" | FileCheck %s --check-prefix=SHARED
// SHARED: True

// Masks batch like data: a per-example timestep mask (hand-computed means:
// (1+2)/2, 4/1).
// RUN: nn-jit %s --no-cache --prepare='builtin.module(nn-vmap{function=masked_mean in-axes=0 batch=2})' --function=masked_mean_vmap --input="2x1x3x1xf32=1,2,3,4,5,6" --input="2x1x3xi1=1,1,0,1,0,0" | FileCheck %s --check-prefix=MASKED
// MASKED: result 0: tensor<2x1x1xf32>
// MASKED-NEXT: {{\[}}{{\[}}[1.5]],
// MASKED-NEXT:  {{\[}}[4]]]

func.func @mlp(%x: tensor<4xf32>, %w1: tensor<4x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
               %w2: tensor<16x3xf32> {nn.name = "w2"}, %b2: tensor<3xf32> {nn.name = "b2"}) -> tensor<3xf32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<4xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %t = nn.tanh %h : tensor<16xf32>
  %y = nn.dense %t, %w2, %b2 : (tensor<16xf32>, tensor<16x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

func.func @drop(%x: tensor<16xf32>, %k: !nn.key) -> tensor<16xf32> {
  %0 = nn.dropout %x, %k rate = 0.5 : tensor<16xf32>
  return %0 : tensor<16xf32>
}

func.func @masked_mean(%x: tensor<1x3x1xf32>, %m: tensor<1x3xi1>) -> tensor<1x1xf32> {
  %0 = nn.global_avg_pool %x mask %m : (tensor<1x3x1xf32>, tensor<1x3xi1>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}
