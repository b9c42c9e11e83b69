// Bound kernels whose columns are not a whole number of panels (10, 100,
// 1000 columns; panels of 16 with x86-64-v3's 6 x 16 tiles) are packed with
// the last panel padded by zero columns, and every matmul part reads the
// panels in place: the narrow 10-column matmul of 32 rows runs on the padded
// 16-column panel (its extra columns land in columns of the result that are
// dropped), the ragged edge of 100 / 1000 columns reads part of the last
// panel, and batch 1 / 3 read the 10 / 100 columns from their panels. No
// copy, pad or unpack per call is left. Bound results (1 and 2 threads) are
// the unbound ones byte for byte (each output is one sum over k in order)
// and NumPy's float64 reference within float32 rounding.
// RUN: rm -rf %t && mkdir -p %t
// (nn-jit --params marks the parameters it binds nn.bound; so does sed here.)
// RUN: sed 's/{nn.name = "w"}/{nn.bound, nn.name = "w"}/' %s | nn-opt --pass-pipeline="builtin.module(nn-pack-bound-weights{panel-width=16},nn-inference,nn-lower-to-linalg,nn-tile-and-vectorize{codegen-target=x86-64-v3})" | FileCheck %s --check-prefix=IR
// IR-LABEL: func.func @m32_n10(
// IR-SAME: tensor<1x512x16xf32>
// IR-NOT: {{linalg.unpack|tensor.pad|linalg.transpose|linalg.copy}}
// IR: return
// IR-LABEL: func.func @m32_n10.pack_weights(
// IR: tensor.pad
// IR-LABEL: func.func @m1_n10(
// IR-SAME: tensor<1x512x16xf32>
// IR-NOT: {{linalg.unpack|tensor.pad|linalg.transpose|linalg.copy}}
// IR: return
// IR-LABEL: func.func @m3_n100(
// IR-SAME: tensor<7x512x16xf32>
// IR-NOT: {{linalg.unpack|tensor.pad|linalg.transpose|linalg.copy}}
// IR: return
// IR-LABEL: func.func @m32_n1000(
// IR-SAME: tensor<63x512x16xf32>
// IR-NOT: {{linalg.unpack|tensor.pad|linalg.transpose|linalg.copy}}
// IR: return
// RUN: mkdir -p %t/m32_n10 && %python %S/Inputs/make_dense_data.py %t/m32_n10 32 512 10
// RUN: %python -c "import numpy as np; np.savez('%t/m32_n10/params.npz', w=np.load('%t/m32_n10/w.npy'), b=np.load('%t/m32_n10/b.npy'))"
// RUN: nn-jit %s --function=m32_n10 --codegen-target=x86-64-v3 --no-cache --params=@%t/m32_n10/params.npz --input=@%t/m32_n10/x.npy --output=@%t/m32_n10/bound1.npy --threads=1 | FileCheck %s --check-prefix=M32-N10
// RUN: nn-jit %s --function=m32_n10 --codegen-target=x86-64-v3 --no-cache --params=@%t/m32_n10/params.npz --input=@%t/m32_n10/x.npy --output=@%t/m32_n10/bound2.npy --threads=2
// RUN: nn-jit %s --function=m32_n10 --codegen-target=x86-64-v3 --no-cache --input=@%t/m32_n10/x.npy --input=@%t/m32_n10/w.npy --input=@%t/m32_n10/b.npy --output=@%t/m32_n10/unbound.npy
// RUN: cmp %t/m32_n10/bound1.npy %t/m32_n10/unbound.npy
// RUN: cmp %t/m32_n10/bound2.npy %t/m32_n10/unbound.npy
// RUN: %python %S/Inputs/compare_npy.py %t/m32_n10/bound1.npy %t/m32_n10/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=MATCH-M32-N10
// M32-N10: param w: tensor<512x10xf32> laid out as tensor<1x512x16xf32>
// MATCH-M32-N10: MATCH 320 values
// RUN: mkdir -p %t/m1_n10 && %python %S/Inputs/make_dense_data.py %t/m1_n10 1 512 10
// RUN: %python -c "import numpy as np; np.savez('%t/m1_n10/params.npz', w=np.load('%t/m1_n10/w.npy'), b=np.load('%t/m1_n10/b.npy'))"
// RUN: nn-jit %s --function=m1_n10 --codegen-target=x86-64-v3 --no-cache --params=@%t/m1_n10/params.npz --input=@%t/m1_n10/x.npy --output=@%t/m1_n10/bound1.npy --threads=1 | FileCheck %s --check-prefix=M1-N10
// RUN: nn-jit %s --function=m1_n10 --codegen-target=x86-64-v3 --no-cache --params=@%t/m1_n10/params.npz --input=@%t/m1_n10/x.npy --output=@%t/m1_n10/bound2.npy --threads=2
// RUN: nn-jit %s --function=m1_n10 --codegen-target=x86-64-v3 --no-cache --input=@%t/m1_n10/x.npy --input=@%t/m1_n10/w.npy --input=@%t/m1_n10/b.npy --output=@%t/m1_n10/unbound.npy
// RUN: cmp %t/m1_n10/bound1.npy %t/m1_n10/unbound.npy
// RUN: cmp %t/m1_n10/bound2.npy %t/m1_n10/unbound.npy
// RUN: %python %S/Inputs/compare_npy.py %t/m1_n10/bound1.npy %t/m1_n10/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=MATCH-M1-N10
// M1-N10: param w: tensor<512x10xf32> laid out as tensor<1x512x16xf32>
// MATCH-M1-N10: MATCH 10 values
// RUN: mkdir -p %t/m3_n100 && %python %S/Inputs/make_dense_data.py %t/m3_n100 3 512 100
// RUN: %python -c "import numpy as np; np.savez('%t/m3_n100/params.npz', w=np.load('%t/m3_n100/w.npy'), b=np.load('%t/m3_n100/b.npy'))"
// RUN: nn-jit %s --function=m3_n100 --codegen-target=x86-64-v3 --no-cache --params=@%t/m3_n100/params.npz --input=@%t/m3_n100/x.npy --output=@%t/m3_n100/bound1.npy --threads=1 | FileCheck %s --check-prefix=M3-N100
// RUN: nn-jit %s --function=m3_n100 --codegen-target=x86-64-v3 --no-cache --params=@%t/m3_n100/params.npz --input=@%t/m3_n100/x.npy --output=@%t/m3_n100/bound2.npy --threads=2
// RUN: nn-jit %s --function=m3_n100 --codegen-target=x86-64-v3 --no-cache --input=@%t/m3_n100/x.npy --input=@%t/m3_n100/w.npy --input=@%t/m3_n100/b.npy --output=@%t/m3_n100/unbound.npy
// RUN: cmp %t/m3_n100/bound1.npy %t/m3_n100/unbound.npy
// RUN: cmp %t/m3_n100/bound2.npy %t/m3_n100/unbound.npy
// RUN: %python %S/Inputs/compare_npy.py %t/m3_n100/bound1.npy %t/m3_n100/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=MATCH-M3-N100
// M3-N100: param w: tensor<512x100xf32> laid out as tensor<7x512x16xf32>
// MATCH-M3-N100: MATCH 300 values
// RUN: mkdir -p %t/m32_n1000 && %python %S/Inputs/make_dense_data.py %t/m32_n1000 32 512 1000
// RUN: %python -c "import numpy as np; np.savez('%t/m32_n1000/params.npz', w=np.load('%t/m32_n1000/w.npy'), b=np.load('%t/m32_n1000/b.npy'))"
// RUN: nn-jit %s --function=m32_n1000 --codegen-target=x86-64-v3 --no-cache --params=@%t/m32_n1000/params.npz --input=@%t/m32_n1000/x.npy --output=@%t/m32_n1000/bound1.npy --threads=1 | FileCheck %s --check-prefix=M32-N1000
// RUN: nn-jit %s --function=m32_n1000 --codegen-target=x86-64-v3 --no-cache --params=@%t/m32_n1000/params.npz --input=@%t/m32_n1000/x.npy --output=@%t/m32_n1000/bound2.npy --threads=2
// RUN: nn-jit %s --function=m32_n1000 --codegen-target=x86-64-v3 --no-cache --input=@%t/m32_n1000/x.npy --input=@%t/m32_n1000/w.npy --input=@%t/m32_n1000/b.npy --output=@%t/m32_n1000/unbound.npy
// RUN: cmp %t/m32_n1000/bound1.npy %t/m32_n1000/unbound.npy
// RUN: cmp %t/m32_n1000/bound2.npy %t/m32_n1000/unbound.npy
// RUN: %python %S/Inputs/compare_npy.py %t/m32_n1000/bound1.npy %t/m32_n1000/expected.npy 1e-5 1e-4 | FileCheck %s --check-prefix=MATCH-M32-N1000
// M32-N1000: param w: tensor<512x1000xf32> laid out as tensor<63x512x16xf32>
// MATCH-M32-N1000: MATCH 32000 values

func.func @m32_n10(%x: tensor<32x512xf32>, %w: tensor<512x10xf32> {nn.name = "w"},
                %b: tensor<10xf32> {nn.name = "b"}) -> tensor<32x10xf32> {
  %h = nn.dense %x, %w, %b : (tensor<32x512xf32>, tensor<512x10xf32>, tensor<10xf32>) -> tensor<32x10xf32>
  %y = nn.relu %h : tensor<32x10xf32>
  return %y : tensor<32x10xf32>
}

func.func @m1_n10(%x: tensor<1x512xf32>, %w: tensor<512x10xf32> {nn.name = "w"},
                %b: tensor<10xf32> {nn.name = "b"}) -> tensor<1x10xf32> {
  %h = nn.dense %x, %w, %b : (tensor<1x512xf32>, tensor<512x10xf32>, tensor<10xf32>) -> tensor<1x10xf32>
  %y = nn.relu %h : tensor<1x10xf32>
  return %y : tensor<1x10xf32>
}

func.func @m3_n100(%x: tensor<3x512xf32>, %w: tensor<512x100xf32> {nn.name = "w"},
                %b: tensor<100xf32> {nn.name = "b"}) -> tensor<3x100xf32> {
  %h = nn.dense %x, %w, %b : (tensor<3x512xf32>, tensor<512x100xf32>, tensor<100xf32>) -> tensor<3x100xf32>
  %y = nn.relu %h : tensor<3x100xf32>
  return %y : tensor<3x100xf32>
}

func.func @m32_n1000(%x: tensor<32x512xf32>, %w: tensor<512x1000xf32> {nn.name = "w"},
                %b: tensor<1000xf32> {nn.name = "b"}) -> tensor<32x1000xf32> {
  %h = nn.dense %x, %w, %b : (tensor<32x512xf32>, tensor<512x1000xf32>, tensor<1000xf32>) -> tensor<32x1000xf32>
  %y = nn.relu %h : tensor<32x1000xf32>
  return %y : tensor<32x1000xf32>
}
