// Dense layers big enough to be cut into cache tiles that threads share
// (scf.forall -> OpenMP), and one ragged in both M and N (37 = 32 + 5 rows,
// 1023 = 992 + 16 + 15 columns, split by nn-split-ragged-matmuls), with k blocked and the bias + relu written into
// the accumulator: the same bits on 1 and 2 threads (threads split output
// tiles, never a sum), and NumPy's float64 values within float32 rounding:
// each output sums K = 784 products of numbers in [-1, 1), so the error
// stays far below K * 2^-24 * K / 4 ~ 1e-2; 1e-4 absolute (and 1e-5
// relative) is a margin of 100 over what float32 accumulation shows here.
// RUN: rm -rf %t && mkdir -p %t/a %t/b %t/c
// RUN: %python %S/Inputs/make_dense_data.py %t/a 256 784 512
// RUN: %python %S/Inputs/make_dense_data.py %t/b 1000 784 1000
// RUN: %python %S/Inputs/make_dense_data.py %t/c 37 784 1023
// RUN: nn-jit %s --function=layer --no-cache --threads=1 --input=@%t/a/x.npy --input=@%t/a/w.npy --input=@%t/a/b.npy --output=@%t/a/one.npy
// RUN: nn-jit %s --function=layer --no-cache --threads=2 --input=@%t/a/x.npy --input=@%t/a/w.npy --input=@%t/a/b.npy --output=@%t/a/two.npy
// RUN: nn-jit %s --function=awkward --no-cache --threads=1 --input=@%t/b/x.npy --input=@%t/b/w.npy --input=@%t/b/b.npy --output=@%t/b/one.npy
// RUN: nn-jit %s --function=awkward --no-cache --threads=2 --input=@%t/b/x.npy --input=@%t/b/w.npy --input=@%t/b/b.npy --output=@%t/b/two.npy
// RUN: nn-jit %s --function=ragged --no-cache --threads=2 --input=@%t/c/x.npy --input=@%t/c/w.npy --input=@%t/c/b.npy --output=@%t/c/two.npy
// RUN: cmp %t/a/one.npy %t/a/two.npy
// RUN: cmp %t/b/one.npy %t/b/two.npy
// RUN: %python %S/Inputs/compare_npy.py %t/a/two.npy %t/a/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=LAYER
// RUN: %python %S/Inputs/compare_npy.py %t/b/two.npy %t/b/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=AWKWARD
// RUN: %python %S/Inputs/compare_npy.py %t/c/two.npy %t/c/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=RAGGED
// LAYER: MATCH 131072 values
// RAGGED: MATCH 37851 values
// AWKWARD: MATCH 1000000 values

// The lowered code runs its cache tiles in an OpenMP parallel loop.
// RUN: nn-jit %s --function=layer --emit=llvm-dialect | FileCheck %s --check-prefix=OMP
// OMP: omp.parallel
// OMP: omp.wsloop

func.func @layer(%x: tensor<256x784xf32>, %w: tensor<784x512xf32>, %b: tensor<512xf32>) -> tensor<256x512xf32> {
  %h = nn.dense %x, %w, %b : (tensor<256x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<256x512xf32>
  %y = nn.relu %h : tensor<256x512xf32>
  return %y : tensor<256x512xf32>
}

func.func @awkward(%x: tensor<1000x784xf32>, %w: tensor<784x1000xf32>, %b: tensor<1000xf32>) -> tensor<1000x1000xf32> {
  %h = nn.dense %x, %w, %b : (tensor<1000x784xf32>, tensor<784x1000xf32>, tensor<1000xf32>) -> tensor<1000x1000xf32>
  %y = nn.relu %h : tensor<1000x1000xf32>
  return %y : tensor<1000x1000xf32>
}

func.func @ragged(%x: tensor<37x784xf32>, %w: tensor<784x1023xf32>, %b: tensor<1023xf32>) -> tensor<37x1023xf32> {
  %h = nn.dense %x, %w, %b : (tensor<37x784xf32>, tensor<784x1023xf32>, tensor<1023xf32>) -> tensor<37x1023xf32>
  %y = nn.relu %h : tensor<37x1023xf32>
  return %y : tensor<37x1023xf32>
}
