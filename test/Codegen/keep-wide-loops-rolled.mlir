// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-keep-wide-loops-rolled))" | FileCheck %s
// RUN: nn-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(nn-keep-wide-loops-rolled{min-bytes=256}))" | FileCheck %s --check-prefix=SMALL

// Pooling over time: each step reads one 256-lane row (1 KiB) into 16
// accumulators. The loop stays rolled.
// CHECK: #[[UNROLL:.*]] = #llvm.loop_unroll<disable = true>
// CHECK: #[[$ROLLED:.*]] = #llvm.loop_annotation<unroll = #[[UNROLL]]>
// CHECK-LABEL: func.func @row_per_step
// CHECK: scf.for
// CHECK: } {loop_annotation = #[[$ROLLED]]}
func.func @row_per_step(%x: memref<512x256xf32>) -> vector<256xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  %pad = ub.poison : f32
  %zero = arith.constant dense<0.0> : vector<256xf32>
  %sum = scf.for %t = %c0 to %c512 step %c1 iter_args(%acc = %zero) -> (vector<256xf32>) {
    %row = vector.transfer_read %x[%t, %c0], %pad {in_bounds = [true]} : memref<512x256xf32>, vector<256xf32>
    %next = arith.addf %acc, %row : vector<256xf32>
    scf.yield %next : vector<256xf32>
  }
  return %sum : vector<256xf32>
}

// -----

// 256 bytes per iteration (a softmax row's max in chunks of 64 lanes): LLVM
// may unroll it, unless min-bytes is as low as that. Only innermost loops
// are annotated: the outer loop over rows keeps no annotation either way.
// CHECK-LABEL: func.func @narrow_chunks
// CHECK-NOT: loop_annotation
// SMALL: #[[UNROLL:.*]] = #llvm.loop_unroll<disable = true>
// SMALL: #[[$ROLLED:.*]] = #llvm.loop_annotation<unroll = #[[UNROLL]]>
// SMALL-LABEL: func.func @narrow_chunks
// SMALL: scf.for
// SMALL: scf.for
// SMALL: } {loop_annotation = #[[$ROLLED]]}
// SMALL-NEXT: vector.transfer_write
// SMALL-NEXT: {{^ +}$}}
// SMALL-NEXT: return
func.func @narrow_chunks(%x: memref<8x4096xf32>, %out: memref<8x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  %c4096 = arith.constant 4096 : index
  %pad = ub.poison : f32
  %init = arith.constant dense<0xFF800000> : vector<64xf32>
  scf.for %r = %c0 to %c8 step %c1 {
    %max = scf.for %c = %c0 to %c4096 step %c64 iter_args(%acc = %init) -> (vector<64xf32>) {
      %v = vector.transfer_read %x[%r, %c], %pad {in_bounds = [true]} : memref<8x4096xf32>, vector<64xf32>
      %m = arith.maximumf %acc, %v : vector<64xf32>
      scf.yield %m : vector<64xf32>
    }
    vector.transfer_write %max, %out[%r, %c0] {in_bounds = [true]} : vector<64xf32>, memref<8x64xf32>
  }
  return
}
