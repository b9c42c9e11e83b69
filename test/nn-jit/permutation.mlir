// Permutations and shuffles, exact against the NumPy implementation of JAX's
// algorithm (Inputs/threefry_reference.py: split, 32-bit sort keys from the
// subkey, stable argsort; two rounds from n = 1626 on).
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: nn-jit %s --function=perms --input=key:0 --output=@%t/p10.npy --output=@%t/p1000.npy --output=@%t/p2000.npy --output=@%t/rows.npy
// RUN: %python %S/Inputs/threefry_reference.py permutation 0 0 10 %t/p10_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py permutation 0 0 1000 %t/p1000_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py permutation 0 0 2000 %t/p2000_ref.npy
// RUN: %python %S/Inputs/compare_npy.py %t/p10.npy %t/p10_ref.npy 0 0 | FileCheck %s --check-prefix=P10
// RUN: %python %S/Inputs/compare_npy.py %t/p1000.npy %t/p1000_ref.npy 0 0 | FileCheck %s --check-prefix=P1000
// RUN: %python %S/Inputs/compare_npy.py %t/p2000.npy %t/p2000_ref.npy 0 0 | FileCheck %s --check-prefix=P2000
// P10: MATCH 10 values
// P1000: MATCH 1000 values
// P2000: MATCH 2000 values
// Shuffling rows: row r of the result is row p[r] of the input (rows are
// [i, i + 0.5]), with the same permutation as p10 for the same key.
// RUN: %python -c "import numpy as np; p = np.load('%t/p10_ref.npy'); r = np.load('%t/rows.npy'); print(bool((r[:, 0] == p).all() and (r[:, 1] == p + 0.5).all()))" | FileCheck %s --check-prefix=ROWS
// ROWS: True

func.func @perms(%k: !nn.key) -> (tensor<10xi32>, tensor<1000xi32>, tensor<2000xi32>, tensor<10x2xf32>) {
  %p10 = nn.rng.permutation %k : tensor<10xi32>
  %p1000 = nn.rng.permutation %k : tensor<1000xi32>
  %p2000 = nn.rng.permutation %k : tensor<2000xi32>
  %x = arith.constant dense<[[0.0, 0.5], [1.0, 1.5], [2.0, 2.5], [3.0, 3.5], [4.0, 4.5],
                             [5.0, 5.5], [6.0, 6.5], [7.0, 7.5], [8.0, 8.5], [9.0, 9.5]]> : tensor<10x2xf32>
  %s = nn.rng.shuffle %x, %k : tensor<10x2xf32>
  return %p10, %p1000, %p2000, %s : tensor<10xi32>, tensor<1000xi32>, tensor<2000xi32>, tensor<10x2xf32>
}
