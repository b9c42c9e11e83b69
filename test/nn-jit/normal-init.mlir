// Normal samples and Keras 3 initializers against the NumPy implementation
// of the spec (Inputs/threefry_reference.py: XLA's single-precision erfinv
// with a correctly rounded log1p). The uniform initializers are bit-exact;
// the erfinv-based ones agree within 3 ulp (our log1p is libm's, not
// correctly rounded; measured: 99% of samples bit-identical).
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: nn-jit %s --function=samples --input=key:3 --output=@%t/normal.npy --output=@%t/trunc.npy --output=@%t/glorot_u.npy --output=@%t/he_u.npy --output=@%t/glorot_n.npy --output=@%t/he_n.npy --output=@%t/lecun_n.npy
// RUN: %python %S/Inputs/threefry_reference.py normal 0 3 64x64 %t/normal_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py truncated_normal 0 3 64x64 %t/trunc_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py init glorot_uniform 0 3 3x3x16x32 %t/glorot_u_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py init he_uniform 0 3 128x64 %t/he_u_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py init glorot_normal 0 3 128x64 %t/glorot_n_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py init he_normal 0 3 3x3x16x32 %t/he_n_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py init lecun_normal 0 3 128x64 %t/lecun_n_ref.npy
// RUN: %python %S/Inputs/compare_npy.py %t/normal.npy %t/normal_ref.npy ulp 3 | FileCheck %s --check-prefix=NORMAL
// RUN: %python %S/Inputs/compare_npy.py %t/trunc.npy %t/trunc_ref.npy ulp 3 | FileCheck %s --check-prefix=NORMAL
// RUN: %python %S/Inputs/compare_npy.py %t/glorot_u.npy %t/glorot_u_ref.npy 0 0 | FileCheck %s --check-prefix=CONV
// RUN: %python %S/Inputs/compare_npy.py %t/he_u.npy %t/he_u_ref.npy 0 0 | FileCheck %s --check-prefix=DENSE
// RUN: %python %S/Inputs/compare_npy.py %t/glorot_n.npy %t/glorot_n_ref.npy ulp 3 | FileCheck %s --check-prefix=DENSE
// RUN: %python %S/Inputs/compare_npy.py %t/he_n.npy %t/he_n_ref.npy ulp 3 | FileCheck %s --check-prefix=CONV
// RUN: %python %S/Inputs/compare_npy.py %t/lecun_n.npy %t/lecun_n_ref.npy ulp 3 | FileCheck %s --check-prefix=DENSE
// NORMAL: MATCH 4096 values
// CONV: MATCH 4608 values
// DENSE: MATCH 8192 values
// Truncated normals stay inside (-2, 2); glorot_uniform of a 3x3x16x32
// kernel inside +-sqrt(6 / (144 + 288)).
// RUN: %python -c "import numpy as np, math; t = np.load('%t/trunc.npy'); g = np.load('%t/glorot_u.npy'); print(t.min() > -2, t.max() < 2, np.abs(g).max() <= math.sqrt(6 / 432))" | FileCheck %s --check-prefix=BOUNDS
// BOUNDS: True True True

func.func @samples(%k: !nn.key) -> (tensor<64x64xf32>, tensor<64x64xf32>, tensor<3x3x16x32xf32>,
                                   tensor<128x64xf32>, tensor<128x64xf32>, tensor<3x3x16x32xf32>,
                                   tensor<128x64xf32>) {
  %n = nn.rng.normal %k : tensor<64x64xf32>
  %t = nn.rng.truncated_normal %k : tensor<64x64xf32>
  %gu = nn.init glorot_uniform %k : tensor<3x3x16x32xf32>
  %hu = nn.init he_uniform %k : tensor<128x64xf32>
  %gn = nn.init glorot_normal %k : tensor<128x64xf32>
  %hn = nn.init he_normal %k : tensor<3x3x16x32xf32>
  %ln = nn.init lecun_normal %k : tensor<128x64xf32>
  return %n, %t, %gu, %hu, %gn, %hn, %ln : tensor<64x64xf32>, tensor<64x64xf32>, tensor<3x3x16x32xf32>,
      tensor<128x64xf32>, tensor<128x64xf32>, tensor<3x3x16x32xf32>, tensor<128x64xf32>
}
