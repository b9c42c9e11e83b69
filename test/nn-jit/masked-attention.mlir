// Masked softmax and attention against NumPy (Inputs/masked_attention_data.py,
// float64 from the same float32 data; |d| <= 1e-5 |ref| + 1e-6), fully
// masked rows included: they must come out as exact zeros, never NaN.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/masked_attention_data.py %t
// RUN: nn-jit %s --function=softmax --input=@%t/x.npy --input=@%t/mask.npy --output=@%t/softmax.npy
// RUN: %python %S/Inputs/compare_npy.py %t/softmax.npy %t/softmax_expected.npy 1e-5 1e-6 | FileCheck %s --check-prefix=SOFTMAX
// SOFTMAX: MATCH 30 values
// RUN: nn-jit %s --function=causal --input=@%t/q.npy --input=@%t/k.npy --input=@%t/v.npy --input=@%t/padding.npy --output=@%t/causal.npy
// RUN: %python %S/Inputs/compare_npy.py %t/causal.npy %t/attention_causal_expected.npy 1e-5 1e-6 | FileCheck %s --check-prefix=CAUSAL
// CAUSAL: MATCH 48 values
// RUN: nn-jit %s --function=masked --input=@%t/q.npy --input=@%t/k.npy --input=@%t/v.npy --input=@%t/logits_mask.npy --output=@%t/masked.npy
// RUN: %python %S/Inputs/compare_npy.py %t/masked.npy %t/attention_mask_expected.npy 1e-5 1e-6 | FileCheck %s --check-prefix=MASKED
// MASKED: MATCH 48 values

func.func @softmax(%x: tensor<2x3x5xf32>, %m: tensor<3x5xi1>) -> tensor<2x3x5xf32> {
  %0 = nn.softmax %x mask %m : tensor<2x3x5xf32>, tensor<3x5xi1>
  return %0 : tensor<2x3x5xf32>
}

func.func @causal(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>, %v: tensor<2x2x6x3xf32>,
                  %padding: tensor<2x6xi1>) -> tensor<2x2x4x3xf32> {
  %0 = nn.attention %q, %k, %v key_padding_mask %padding causal
      : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<2x6xi1>) -> tensor<2x2x4x3xf32>
  return %0 : tensor<2x2x4x3xf32>
}

func.func @masked(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>, %v: tensor<2x2x6x3xf32>,
                  %mask: tensor<4x6xi1>) -> tensor<2x2x4x3xf32> {
  %0 = nn.attention %q, %k, %v mask %mask
      : (tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>, tensor<2x2x6x3xf32>, tensor<4x6xi1>) -> tensor<2x2x4x3xf32>
  return %0 : tensor<2x2x4x3xf32>
}
