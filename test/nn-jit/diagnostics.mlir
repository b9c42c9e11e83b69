// nn-jit reports what the compiler knows, as nn-opt does: warnings and
// remarks reach stderr with their locations and notes, from a cold compile
// and from the disk cache alike (the front end's checks run on every
// lookup; only the lowering is cached); --strict makes a warning an error.
// Expected values by hand: Masking zeroes the padded (-99) steps; pooled
// without its mask the rows average to 6/3 = 2, 3/3 = 1, 1/3 = 0.3333333.
// RUN: rm -rf %t.nn-jit-cache

// A timestep mask lost through scf.execute_region: cold, then from disk.
// RUN: nn-jit %s --function=lost --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" --cache-stats 2>&1 | FileCheck %s --check-prefixes=LOST,COLD
// RUN: nn-jit %s --function=lost --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" --cache-stats 2>&1 | FileCheck %s --check-prefixes=LOST,DISK
// LOST:      diagnostics.mlir:[[# @LINE + 22]]:8: warning: the input comes from masked data, but its timestep mask was lost at 'scf.execute_region'; masked (padded) steps will be included
// LOST-NEXT:   %p = nn.global_avg_pool %r
// LOST:      diagnostics.mlir:[[# @LINE + 17]]:8: note: the mask was lost here
// LOST:      result 0: tensor<3x1xf32>
// LOST-NEXT: {{\[}}[2],
// LOST-NEXT:  [1],
// LOST-NEXT:  [0.3333333]]
// COLD: cache: compiled=1 memory_hits=0 disk_hits=0
// DISK: cache: compiled=0 memory_hits=0 disk_hits=1

// --strict: the same warning is an error; nothing runs.
// RUN: not nn-jit %s --function=lost --strict --input="3x3x1xf32=1,2,3, 1,2,-99, 1,-99,-99" > %t.strict.out 2> %t.strict.err
// RUN: FileCheck %s --check-prefix=STRICT < %t.strict.err
// RUN: FileCheck %s --check-prefix=STRICT-OUT --allow-empty < %t.strict.out
// STRICT: error: strict mode: the IR of 'lost' has warnings, so nothing is compiled or run:
// STRICT: diagnostics.mlir:[[# @LINE + 7]]:8: error: the input comes from masked data, but its timestep mask was lost
// STRICT-OUT-NOT: result
func.func @lost(%x: tensor<3x3x1xf32>) -> tensor<3x1xf32> {
  %d, %m = nn.masking %x mask_value = -99.0 : tensor<3x3x1xf32> -> tensor<3x3x1xf32>, tensor<3x3xi1>
  %r = scf.execute_region -> tensor<3x3x1xf32> {
    scf.yield %d : tensor<3x3x1xf32>
  }
  %p = nn.global_avg_pool %r : (tensor<3x3x1xf32>) -> tensor<3x1xf32>
  return %p : tensor<3x1xf32>
}

// One key feeding two dropouts under --training: both draw the same bits.
// RUN: nn-jit %s --function=reused_key --training --input=2x2xf32=1,2,3,4 --input=key:0 2>&1 | FileCheck %s --check-prefix=REUSE
// RUN: nn-jit %s --function=reused_key --training --input=2x2xf32=1,2,3,4 --input=key:0 --cache-stats 2>&1 | FileCheck %s --check-prefixes=REUSE,REUSE-DISK
// REUSE:      diagnostics.mlir:[[# @LINE + 8]]:8: warning: this key already fed 'nn.dropout': both draw the same bits; split the key (nn.rng.split) or fold in data (nn.rng.fold_in) first
// REUSE:      diagnostics.mlir:[[# @LINE + 6]]:8: note: first use of the key
// REUSE:      result 0: tensor<2x2xf32>
// REUSE-DISK: cache: compiled=0 memory_hits=0 disk_hits=1
// RUN: not nn-jit %s --function=reused_key --training --strict --input=2x2xf32=1,2,3,4 --input=key:0 2>&1 | FileCheck %s --check-prefix=REUSE-STRICT
// REUSE-STRICT: error: this key already fed 'nn.dropout'
func.func @reused_key(%x: tensor<2x2xf32>, %k: !nn.key) -> tensor<2x2xf32> {
  %a = nn.dropout %x, %k rate = 0.5 : tensor<2x2xf32>
  %b = nn.dropout %a, %k rate = 0.5 : tensor<2x2xf32>
  return %b : tensor<2x2xf32>
}

// Inference mode (the default) removes dropout and says so once, naming
// --training; the result is the input. --training applies it, silently.
// RUN: nn-jit %s --function=two_dropouts --input=2x2xf32=1,2,3,4 --input=key:0 2>&1 | FileCheck %s --check-prefix=INFERENCE
// INFERENCE:     diagnostics.mlir:[[# @LINE + 14]]:8: remark: inference mode: dropout is the identity in 'two_dropouts' (2 nn.dropout ops); compile in training mode to apply it (nn-jit --training, SessionOptions::training)
// INFERENCE-NOT: remark:
// INFERENCE:     result 0: tensor<2x2xf32>
// INFERENCE-NEXT: {{\[}}[1, 2],
// INFERENCE-NEXT:  [3, 4]]
// RUN: nn-jit %s --function=two_dropouts --training --input=2x2xf32=1,2,3,4 --input=key:0 2>&1 | FileCheck %s --check-prefix=TRAINING
// TRAINING-NOT: remark
// TRAINING:     result 0: tensor<2x2xf32>
// A remark is not a warning: --strict still runs.
// RUN: nn-jit %s --function=two_dropouts --strict --input=2x2xf32=1,2,3,4 --input=key:0 2>&1 | FileCheck %s --check-prefix=INFERENCE
func.func @two_dropouts(%x: tensor<2x2xf32>, %k: !nn.key) -> tensor<2x2xf32> {
  %ks = nn.rng.split %k : !nn.key -> tensor<2x!nn.key>
  %k0 = nn.rng.key_at %ks[0] : tensor<2x!nn.key>
  %k1 = nn.rng.key_at %ks[1] : tensor<2x!nn.key>
  %a = nn.dropout %x, %k0 rate = 0.5 : tensor<2x2xf32>
  %b = nn.dropout %a, %k1 rate = 0.5 : tensor<2x2xf32>
  return %b : tensor<2x2xf32>
}
