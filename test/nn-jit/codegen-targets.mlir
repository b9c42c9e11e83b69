// The same dense layers tiled for every x86 codegen target (8 x 32 for
// x86-64-v4, 6 x 16 for x86-64-v3, 4 x 8 for x86-64; code for the host
// either way), at shapes none of the tiles divide: 7 and 37 rows (6 x 16
// runs them as 6 + 1 and 36 + 1), 1000 rows (996 + 4), 1023, 10 and 7
// columns (the last partial register of 1023, and 10 and 7, computed with
// zero columns of B up to whole registers). Each output is one sum over k in order whatever the tile, so
// every target and thread count gives the same bytes, and NumPy's float64
// values within float32 rounding (1e-4 absolute, as in threads.mlir).
// A softmax over rows of 4096 too: its exponentials are computed in the
// sum's 64-lane chunks on x86-64-v4 (4 registers of 16 lanes) and in a loop
// of their own on the others, and exp is the host's (the table on AVX-512,
// whatever the target): the same bytes on every target and thread count.
// RUN: rm -rf %t && mkdir -p %t/a %t/b %t/c %t/d
// RUN: %python %S/Inputs/make_dense_data.py %t/a 7 784 1000
// RUN: %python %S/Inputs/make_dense_data.py %t/b 37 784 1023
// RUN: %python %S/Inputs/make_dense_data.py %t/c 1000 784 10
// RUN: %python %S/Inputs/make_dense_data.py %t/d 64 784 7
// RUN: %python -c "import numpy as np; x = np.random.default_rng(5).normal(0, 3, (16, 4096)).astype(np.float32); np.save('%t/s.npy', x); x = x.astype(np.float64); e = np.exp(x - x.max(1, keepdims=True)); np.save('%t/s_ref.npy', e / e.sum(1, keepdims=True))"
// RUN: for t in x86-64-v4 x86-64-v3 x86-64; do for n in 1 2; do \
// RUN:   nn-jit %s --function=a --codegen-target=$t --no-cache --threads=$n --input=@%t/a/x.npy --input=@%t/a/w.npy --input=@%t/a/b.npy --output=@%t/a/$t-$n.npy && \
// RUN:   nn-jit %s --function=b --codegen-target=$t --no-cache --threads=$n --input=@%t/b/x.npy --input=@%t/b/w.npy --input=@%t/b/b.npy --output=@%t/b/$t-$n.npy && \
// RUN:   nn-jit %s --function=c --codegen-target=$t --no-cache --threads=$n --input=@%t/c/x.npy --input=@%t/c/w.npy --input=@%t/c/b.npy --output=@%t/c/$t-$n.npy && \
// RUN:   nn-jit %s --function=d --codegen-target=$t --no-cache --threads=$n --input=@%t/d/x.npy --input=@%t/d/w.npy --input=@%t/d/b.npy --output=@%t/d/$t-$n.npy && \
// RUN:   nn-jit %s --function=s --codegen-target=$t --no-cache --threads=$n --input=@%t/s.npy --output=@%t/s-$t-$n.npy || exit 1; \
// RUN: done; done
// RUN: for f in x86-64-v4-2 x86-64-v3-1 x86-64-v3-2 x86-64-1 x86-64-2; do cmp %t/s-x86-64-v4-1.npy %t/s-$f.npy || exit 1; done
// RUN: %python %S/Inputs/compare_npy.py %t/s-x86-64-v3-2.npy %t/s_ref.npy 1e-5 1e-6 | FileCheck %s --check-prefix=S
// RUN: for d in a b c d; do for f in x86-64-v4-2 x86-64-v3-1 x86-64-v3-2 x86-64-1 x86-64-2; do \
// RUN:   cmp %t/$d/x86-64-v4-1.npy %t/$d/$f.npy || exit 1; done; done
// RUN: %python %S/Inputs/compare_npy.py %t/a/x86-64-v3-2.npy %t/a/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=A
// RUN: %python %S/Inputs/compare_npy.py %t/b/x86-64-v3-2.npy %t/b/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=B
// RUN: %python %S/Inputs/compare_npy.py %t/c/x86-64-v3-2.npy %t/c/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=C
// RUN: %python %S/Inputs/compare_npy.py %t/d/x86-64-v3-2.npy %t/d/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=D
// A: MATCH 7000 values
// B: MATCH 37851 values
// C: MATCH 10000 values
// D: MATCH 448 values
// S: MATCH 65536 values

func.func @a(%x: tensor<7x784xf32>, %w: tensor<784x1000xf32>, %b: tensor<1000xf32>) -> tensor<7x1000xf32> {
  %h = nn.dense %x, %w, %b : (tensor<7x784xf32>, tensor<784x1000xf32>, tensor<1000xf32>) -> tensor<7x1000xf32>
  %y = nn.relu %h : tensor<7x1000xf32>
  return %y : tensor<7x1000xf32>
}

func.func @b(%x: tensor<37x784xf32>, %w: tensor<784x1023xf32>, %b: tensor<1023xf32>) -> tensor<37x1023xf32> {
  %h = nn.dense %x, %w, %b : (tensor<37x784xf32>, tensor<784x1023xf32>, tensor<1023xf32>) -> tensor<37x1023xf32>
  %y = nn.relu %h : tensor<37x1023xf32>
  return %y : tensor<37x1023xf32>
}

func.func @c(%x: tensor<1000x784xf32>, %w: tensor<784x10xf32>, %b: tensor<10xf32>) -> tensor<1000x10xf32> {
  %h = nn.dense %x, %w, %b : (tensor<1000x784xf32>, tensor<784x10xf32>, tensor<10xf32>) -> tensor<1000x10xf32>
  %y = nn.relu %h : tensor<1000x10xf32>
  return %y : tensor<1000x10xf32>
}

func.func @d(%x: tensor<64x784xf32>, %w: tensor<784x7xf32>, %b: tensor<7xf32>) -> tensor<64x7xf32> {
  %h = nn.dense %x, %w, %b : (tensor<64x784xf32>, tensor<784x7xf32>, tensor<7xf32>) -> tensor<64x7xf32>
  %y = nn.relu %h : tensor<64x7xf32>
  return %y : tensor<64x7xf32>
}

func.func @s(%x: tensor<16x4096xf32>) -> tensor<16x4096xf32> {
  %y = nn.softmax %x axis = 1 : tensor<16x4096xf32>
  return %y : tensor<16x4096xf32>
}
