// Case 1 of docs/Motivation.md (a mask lost under JIT): Keras
// Masking(mask_value=-99) then GlobalAveragePooling1D on
// x = [[[1],[2],[3]], [[1],[2],[-99]], [[1],[-99],[-99]]] must give the mean
// of the unmasked steps, [[2], [1.5], [1]]. All expected values below are
// computed by hand.
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t

// (a) Masking and pooling written directly.
// RUN: nn-jit %s --function=direct --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" | FileCheck %s --check-prefix=CASE1
// CASE1:      result 0: tensor<3x1xf32>
// CASE1-NEXT: {{\[}}[2],
// CASE1-NEXT:  [1.5],
// CASE1-NEXT:  [1]]

// (b) The pair inside a called function (a Keras custom layer): masking in
// the caller, pooling in the callee; nn-propagate-masks (in nn-jit's default
// pipeline) passes the mask along.
// RUN: nn-jit %s --function=wrapped --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" | FileCheck %s --check-prefix=CASE1
// (c) The same after inlining.
// RUN: nn-jit %s --function=wrapped --pipeline='builtin.module(inline,nn-lower-to-llvm{use-workspace=true})' --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" | FileCheck %s --check-prefix=CASE1
// (e) Masking inside a callee, pooling in the caller (the callee returns the
// mask too).
// RUN: nn-jit %s --function=caller --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" | FileCheck %s --check-prefix=CASE1
// Without propagation (a pipeline that lowers nn before it runs), the mask
// never reaches the pooling: the zeroed padded steps are averaged, giving
// 1.0 and 0.33 instead of 1.5 and 1.0, the failure of that case.
// RUN: nn-jit %s --function=wrapped --pipeline='builtin.module(convert-nn-to-linalg,nn-lower-to-llvm{use-workspace=true})' --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" | FileCheck %s --check-prefix=UNMASKED
// UNMASKED:      result 0: tensor<3x1xf32>
// UNMASKED-NEXT: {{\[}}[2],
// UNMASKED-NEXT:  [1],
// UNMASKED-NEXT:  [0.3333333]]

// (d) The mask passed in explicitly, from a bool .npy (NumPy's bool bytes).
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.array([1, 2, 3, 1, 2, -99, 1, -99, -99], np.float32).reshape(3, 3, 1)); np.save('%t/mask.npy', np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0]], bool))"
// RUN: nn-jit %s --function=explicit --input=@%t/x.npy --input=@%t/mask.npy | FileCheck %s --check-prefix=EXPLICIT
// EXPLICIT:      result 0: tensor<3x1xf32>
// EXPLICIT-NEXT: {{\[}}[2],
// EXPLICIT-NEXT:  [1.5],
// EXPLICIT-NEXT:  [1]]
// EXPLICIT-NEXT: result 1: tensor<3x1xf32>
// EXPLICIT-NEXT: {{\[}}[3],
// EXPLICIT-NEXT:  [2],
// EXPLICIT-NEXT:  [1]]

// (f) One compiled function, several different masks, one process:
// all kept -> [2], [-32], [-65.66666]; a diagonal with a fully masked row ->
// avg [1], [2], [0] (0 by definition) and max [1], [2], [0]; another mask ->
// [3], [-32], [1] / max [3], [2], [1]. compiled=1.
// RUN: nn-jit %s --function=explicit --no-cache \
// RUN:   --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" --input="3x3xi1=1,1,1, 1,1,1, 1,1,1" \
// RUN:   --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" --input="3x3xi1=1,0,0, 0,1,0, 0,0,0" \
// RUN:   --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" --input="3x3xi1=0,0,1, 1,1,1, 1,0,0" \
// RUN:   --cache-stats | FileCheck %s --check-prefix=MASKS
// MASKS:      result 0: tensor<3x1xf32>
// MASKS-NEXT: {{\[}}[2],
// MASKS-NEXT:  [-32],
// MASKS-NEXT:  [-65.66666]]
// MASKS:      result 0: tensor<3x1xf32>
// MASKS-NEXT: {{\[}}[1],
// MASKS-NEXT:  [2],
// MASKS-NEXT:  [0]]
// MASKS-NEXT: result 1: tensor<3x1xf32>
// MASKS-NEXT: {{\[}}[1],
// MASKS-NEXT:  [2],
// MASKS-NEXT:  [0]]
// MASKS:      result 0: tensor<3x1xf32>
// MASKS-NEXT: {{\[}}[3],
// MASKS-NEXT:  [-32],
// MASKS-NEXT:  [1]]
// MASKS-NEXT: result 1: tensor<3x1xf32>
// MASKS-NEXT: {{\[}}[3],
// MASKS-NEXT:  [2],
// MASKS-NEXT:  [1]]
// MASKS: cache: compiled=1 memory_hits=0 disk_hits=0

// NaN and inf in masked steps do not leak (select, not multiply); a NaN that
// is kept does. Masking treats a NaN feature as "not the padding value".
// RUN: nn-jit %s --function=explicit --input="3x3x1xf32=1,nan,3, inf,2,4, nan,5,6" --input="3x3xi1=1,0,1, 0,1,1, 1,1,0" | FileCheck %s --check-prefix=NAN
// NAN:      result 0: tensor<3x1xf32>
// NAN-NEXT: {{\[}}[2],
// NAN-NEXT:  [3],
// NAN-NEXT:  [nan]]
// RUN: nn-jit %s --function=direct2 --input="2x2x2xf32=nan,-99, -99,-99, 4,-99, 2,2" | FileCheck %s --check-prefix=MASKING
// MASKING:      result 0: tensor<2x2xf32>
// MASKING-NEXT: {{\[}}[nan, -99],
// MASKING-NEXT:  [3, -48.5]]

func.func @direct(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %0 = nn.global_avg_pool %d mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func private @pooling_layer(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %0 = nn.global_avg_pool %x : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func @wrapped(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %0 = func.call @pooling_layer(%d) : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func private @masking_layer(%x: tensor<3x3x1xf32>) -> tensor<3x3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  return %d : tensor<3x3x1xf32>
}

func.func @caller(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d = func.call @masking_layer(%x) : (tensor<3x3x1xf32>) -> tensor<3x3x1xf32>
  %0 = nn.global_avg_pool %d : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

func.func @explicit(%x: tensor<3x3x1xf32>, %m: tensor<3x3xi1>) -> (tensor<3x1xf32>, tensor<3x1xf32>) {
  %0 = nn.global_avg_pool %x mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  %1 = nn.global_max_pool %x mask %m : (tensor<3x3x1xf32>, tensor<3x3xi1>) -> tensor<3x1xf32>
  return %0, %1 : tensor<3x1xf32>, tensor<3x1xf32>
}

// Two features per step (the MASKING run above): row 0 keeps step 0 only
// ([nan, -99]: a NaN differs from -99), row 1 keeps both steps, whose mean is
// [(4 + 2) / 2, (-99 + 2) / 2] = [3, -48.5].
func.func @direct2(%x: tensor<2x2x2xf32>) -> tensor<2x2xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<2x2x2xf32> -> tensor<2x2x2xf32>, tensor<2x2xi1>
  %0 = nn.global_avg_pool %d mask %m : (tensor<2x2x2xf32>, tensor<2x2xi1>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
