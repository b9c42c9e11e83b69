// Bound dense kernels are laid out once, when bound (--params binds them),
// as panels of the codegen target's register tile columns (32 for
// x86-64-v4, 16 for x86-64-v3) that the matmul reads in place. The layout changes
// where B is read from, never the bits: bound results (1 and 2 threads)
// equal the unbound ones (kernel passed per call, B panels copied in the
// kernel) byte for byte, and NumPy's float64 reference within float32
// rounding. Two paths: a k-blocked 128 x 1024 x 256 matmul (cache tiles
// of 64 rows and k blocks of 256: 8 register-row tiles read each panel
// block, which unbound is copied first) and batch 1 (one register row),
// with x86-64-v4's tiles (8 x 32); then x86-64-v3's (6 x 16: 128 rows run
// as 126 + 2), whose different tiles leave the bits alone too (each output
// is still one sum over k in order).
// RUN: rm -rf %t && mkdir -p %t/big %t/one
// RUN: %python %S/Inputs/make_dense_data.py %t/big 128 1024 256
// RUN: %python %S/Inputs/make_dense_data.py %t/one 1 784 512
// RUN: %python -c "import numpy as np; [np.savez(d + '/params.npz', w=np.load(d + '/w.npy'), b=np.load(d + '/b.npy')) for d in ('%t/big', '%t/one')]"
//
// RUN: nn-jit %s --function=big --codegen-target=x86-64-v4 --no-cache --params=@%t/big/params.npz --input=@%t/big/x.npy --output=@%t/big/bound1.npy --threads=1 | FileCheck %s --check-prefix=BIG
// RUN: nn-jit %s --function=big --codegen-target=x86-64-v4 --no-cache --params=@%t/big/params.npz --input=@%t/big/x.npy --output=@%t/big/bound2.npy --threads=2
// RUN: nn-jit %s --function=big --codegen-target=x86-64-v4 --no-cache --input=@%t/big/x.npy --input=@%t/big/w.npy --input=@%t/big/b.npy --output=@%t/big/unbound.npy | FileCheck %s --check-prefix=UNBOUND
// RUN: cmp %t/big/bound1.npy %t/big/unbound.npy
// RUN: cmp %t/big/bound2.npy %t/big/unbound.npy
// RUN: %python %S/Inputs/compare_npy.py %t/big/bound1.npy %t/big/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=MATCH-BIG
// BIG: param w: tensor<1024x256xf32> laid out as tensor<8x1024x32xf32>
// BIG-NOT: param b
// UNBOUND-NOT: laid out
// MATCH-BIG: MATCH 32768 values
//
// RUN: nn-jit %s --function=one --codegen-target=x86-64-v4 --no-cache --params=@%t/one/params.npz --input=@%t/one/x.npy --output=@%t/one/bound1.npy --threads=1 | FileCheck %s --check-prefix=ONE
// RUN: nn-jit %s --function=one --codegen-target=x86-64-v4 --no-cache --params=@%t/one/params.npz --input=@%t/one/x.npy --output=@%t/one/bound2.npy --threads=2
// RUN: nn-jit %s --function=one --codegen-target=x86-64-v4 --no-cache --input=@%t/one/x.npy --input=@%t/one/w.npy --input=@%t/one/b.npy --output=@%t/one/unbound.npy
// RUN: cmp %t/one/bound1.npy %t/one/unbound.npy
// RUN: cmp %t/one/bound2.npy %t/one/unbound.npy
// RUN: %python %S/Inputs/compare_npy.py %t/one/bound1.npy %t/one/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=MATCH-ONE
// ONE: param w: tensor<784x512xf32> laid out as tensor<16x784x32xf32>
// MATCH-ONE: MATCH 512 values
//
// RUN: nn-jit %s --function=big --codegen-target=x86-64-v3 --no-cache --params=@%t/big/params.npz --input=@%t/big/x.npy --output=@%t/big/v3-bound1.npy --threads=1 | FileCheck %s --check-prefix=BIG-V3
// RUN: nn-jit %s --function=big --codegen-target=x86-64-v3 --no-cache --params=@%t/big/params.npz --input=@%t/big/x.npy --output=@%t/big/v3-bound2.npy --threads=2
// RUN: nn-jit %s --function=big --codegen-target=x86-64-v3 --no-cache --input=@%t/big/x.npy --input=@%t/big/w.npy --input=@%t/big/b.npy --output=@%t/big/v3-unbound.npy
// RUN: cmp %t/big/v3-bound1.npy %t/big/unbound.npy
// RUN: cmp %t/big/v3-bound2.npy %t/big/unbound.npy
// RUN: cmp %t/big/v3-unbound.npy %t/big/unbound.npy
// RUN: nn-jit %s --function=one --codegen-target=x86-64-v3 --no-cache --params=@%t/one/params.npz --input=@%t/one/x.npy --output=@%t/one/v3-bound.npy | FileCheck %s --check-prefix=ONE-V3
// RUN: cmp %t/one/v3-bound.npy %t/one/unbound.npy
// BIG-V3: param w: tensor<1024x256xf32> laid out as tensor<16x1024x16xf32>
// ONE-V3: param w: tensor<784x512xf32> laid out as tensor<32x784x16xf32>
//
// A pipeline without nn-tile-and-fuse cannot read panels: the parameters are
// bound as given, and the results are still right.
// RUN: nn-jit %s --function=one --codegen-target=x86-64-v4 --no-cache --params=@%t/one/params.npz --input=@%t/one/x.npy --output=@%t/one/custom.npy \
// RUN:   --pipeline='builtin.module(nn-lower-to-linalg,nn-bufferize,convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,finalize-memref-to-llvm,func.func(llvm-request-c-wrappers),convert-math-to-llvm,convert-arith-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,reconcile-unrealized-casts)' \
// RUN: | FileCheck %s --check-prefix=CUSTOM
// RUN: %python %S/Inputs/compare_npy.py %t/one/custom.npy %t/one/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=MATCH-ONE
// CUSTOM-NOT: laid out
// CUSTOM: @one

func.func @big(%x: tensor<128x1024xf32>, %w: tensor<1024x256xf32> {nn.name = "w"},
               %b: tensor<256xf32> {nn.name = "b"}) -> tensor<128x256xf32> {
  %h = nn.dense %x, %w, %b : (tensor<128x1024xf32>, tensor<1024x256xf32>, tensor<256xf32>) -> tensor<128x256xf32>
  %y = nn.relu %h : tensor<128x256xf32>
  return %y : tensor<128x256xf32>
}

func.func @one(%x: tensor<1x784xf32>, %w: tensor<784x512xf32> {nn.name = "w"},
               %b: tensor<512xf32> {nn.name = "b"}) -> tensor<1x512xf32> {
  %h = nn.dense %x, %w, %b : (tensor<1x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<1x512xf32>
  %y = nn.relu %h : tensor<1x512xf32>
  return %y : tensor<1x512xf32>
}
