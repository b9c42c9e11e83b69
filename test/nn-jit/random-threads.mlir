// Same key, same bits on any thread count: random ops big enough to be cut
// into cache tiles run as OpenMP parallel loops, and every element's bits
// depend only on the key and its index (threefry over the flat index), so
// 1 and 2 threads give identical bytes, equal to the NumPy implementation
// of the spec.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', (np.arange(1 << 20, dtype=np.float32) % 97) - 48)"
// RUN: nn-jit %s --function=draws --training --no-cache --threads=1 --input=key:7 --input=key:8 --input=key:9 --input=@%t/x.npy \
// RUN:   --output=@%t/u1.npy --output=@%t/n1.npy --output=@%t/d1.npy
// RUN: nn-jit %s --function=draws --training --no-cache --threads=2 --input=key:7 --input=key:8 --input=key:9 --input=@%t/x.npy \
// RUN:   --output=@%t/u2.npy --output=@%t/n2.npy --output=@%t/d2.npy
// RUN: cmp %t/u1.npy %t/u2.npy
// RUN: cmp %t/n1.npy %t/n2.npy
// RUN: cmp %t/d1.npy %t/d2.npy
// RUN: %python %S/Inputs/threefry_reference.py uniform 0 7 1048576 0.0 1.0 %t/u_ref.npy
// RUN: %python %S/Inputs/threefry_reference.py dropout 0 9 %t/x.npy 0.25 %t/d_ref.npy
// RUN: %python %S/Inputs/compare_npy.py %t/u2.npy %t/u_ref.npy 0 0 | FileCheck %s
// RUN: %python %S/Inputs/compare_npy.py %t/d2.npy %t/d_ref.npy 0 0 | FileCheck %s
// CHECK: MATCH 1048576 values
// RUN: nn-jit %s --function=draws --training --emit=llvm-dialect | FileCheck %s --check-prefix=OMP
// OMP: omp.parallel

func.func @draws(%k7: !nn.key, %k8: !nn.key, %k9: !nn.key, %x: tensor<1048576xf32>)
    -> (tensor<1048576xf32>, tensor<1048576xf32>, tensor<1048576xf32>) {
  %u = nn.rng.uniform %k7 : tensor<1048576xf32>
  %n = nn.rng.normal %k8 : tensor<1048576xf32>
  %d = nn.dropout %x, %k9 rate = 0.25 : tensor<1048576xf32>
  return %u, %n, %d : tensor<1048576xf32>, tensor<1048576xf32>, tensor<1048576xf32>
}
