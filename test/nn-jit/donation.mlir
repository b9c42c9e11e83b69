// Donation (docs/Optimizers.md): a train step updates its parameters and
// optimizer state in their argument buffers.
//
// An MLP's Adam step, as LLVM IR: its C interface takes one buffer per
// argument (4 parameters, x, labels, 8 moments, the count: 15), the loss's
// out-parameter and the workspace: 17, no out-parameter for the 13 updated
// values; nothing is allocated (intermediates are in the workspace) and
// nothing is copied (the updates write the arguments in place).
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=mlp optimizer=adam learning-rate=0.01})' \
// RUN:   --function=mlp_train_step --emit=llvm-ir --no-cache \
// RUN:   | FileCheck %s --check-prefix=DONATED --implicit-check-not=malloc --implicit-check-not=aligned_alloc \
// RUN:       --implicit-check-not=memcpy --implicit-check-not=memmove
// DONATED: define void @_mlir_ciface_mlp_train_step(
// DONATED-SAME: %16) {{.*}}{
//
// The same step without donation returns the 13 values in 13 more buffers
// (so the check above fails without donation).
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=mlp optimizer=adam learning-rate=0.01 donate=false})' \
// RUN:   --function=mlp_train_step --emit=llvm-ir --no-cache | FileCheck %s --check-prefix=KEPT
// KEPT: define void @_mlir_ciface_mlp_train_step(
// KEPT-SAME: %29) {{.*}}{
//
// Without the workspace, the intermediates are malloc'ed: the pattern the
// first check excludes.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=mlp optimizer=adam learning-rate=0.01})' \
// RUN:   --function=mlp_train_step --emit=llvm-ir --no-cache --pipeline='builtin.module(nn-lower-to-llvm)' \
// RUN:   | FileCheck %s --check-prefix=HEAP
// HEAP: call {{.*}}ptr @malloc(

// A loss that also returns its parameter: the step must return the old w
// (aux) and leave the new one in w's buffer, so w cannot be updated in
// place; the update is computed aside and copied into w (the copies the
// first check excludes). By hand (test/nn-jit/train-step.mlir): loss 316,
// g = [[20, 28], [24, 32], [28, 36]], w' = w - 0.01 g.
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=aux optimizer=sgd learning-rate=0.01})' \
// RUN:   --function=aux_train_step --input=3x2xf32=1,2,3,4,5,6 \
// RUN:   --input=4x3xf32=1,0,0,0,1,0,0,0,1,1,1,1 --input=4x2xf32=0,0,0,0,0,0,0,0 | FileCheck %s --check-prefix=AUX
// AUX:      result 0 (w): tensor<3x2xf32>
// AUX-NEXT: {{\[}}[0.8, 1.72],
// AUX-NEXT:  [2.76, 3.68],
// AUX-NEXT:  [4.72, 5.64]]
// AUX-NEXT: result 1: tensor<f32>
// AUX-NEXT: 316
// AUX-NEXT: result 2: tensor<3x2xf32>
// AUX-NEXT: {{\[}}[1, 2],
// AUX-NEXT:  [3, 4],
// AUX-NEXT:  [5, 6]]
// RUN: nn-jit %s --prepare='builtin.module(nn-train-step{function=aux optimizer=sgd learning-rate=0.01})' \
// RUN:   --function=aux_train_step --emit=llvm-ir --no-cache | FileCheck %s --check-prefix=AUXIR
// AUXIR: call void @llvm.memcpy

// A pipeline that bufferizes without nn-bufferize keeps the donated result
// as an out-parameter, which the runtime does not pass: an error at compile
// time, not a call with the wrong buffers.
// RUN: not nn-jit %s --prepare='builtin.module(nn-train-step{function=aux optimizer=sgd learning-rate=0.01})' \
// RUN:   --function=aux_train_step --input=3x2xf32=1,2,3,4,5,6 \
// RUN:   --input=4x3xf32=1,0,0,0,1,0,0,0,1,1,1,1 --input=4x2xf32=0,0,0,0,0,0,0,0 --no-cache \
// RUN:   --pipeline='builtin.module(nn-lower-to-linalg,one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},buffer-results-to-out-params{hoist-static-allocs modify-public-functions add-result-attr},convert-linalg-to-loops,expand-strided-metadata,lower-affine,convert-scf-to-cf,finalize-memref-to-llvm,func.func(llvm-request-c-wrappers),convert-math-to-llvm,convert-arith-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,reconcile-unrealized-casts)' \
// RUN:   2>&1 | FileCheck %s --check-prefix=ABI
// ABI: error: 'aux_train_step' takes 6 buffers after lowering, but the runtime passes 5 (its arguments, its results that are not donated, its workspace); a pipeline must drop donated results (nn-drop-donated-results, in nn-bufferize)

func.func @mlp(%w1: tensor<6x5xf32> {nn.name = "w1"}, %b1: tensor<5xf32> {nn.name = "b1"},
               %w2: tensor<5x4xf32> {nn.name = "w2"}, %b2: tensor<4xf32> {nn.name = "b2"},
               %x: tensor<8x6xf32>, %labels: tensor<8xi32>) -> tensor<f32> {
  %0 = nn.dense %x, %w1, %b1 : (tensor<8x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<8x5xf32>
  %1 = nn.tanh %0 : tensor<8x5xf32>
  %2 = nn.dense %1, %w2, %b2 : (tensor<8x5xf32>, tensor<5x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %3 = nn.sparse_softmax_cross_entropy %2, %labels : (tensor<8x4xf32>, tensor<8xi32>) -> tensor<f32>
  return %3 : tensor<f32>
}

#all = affine_map<(d0, d1) -> (d0, d1)>
#none = affine_map<(d0, d1) -> ()>
func.func @aux(%w: tensor<3x2xf32> {nn.name = "w"}, %x: tensor<4x3xf32>, %t: tensor<4x2xf32>) -> (tensor<f32>, tensor<3x2xf32>) {
  %y = nn.dense %x, %w : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %d = arith.subf %y, %t : tensor<4x2xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %s = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction", "reduction"]}
      ins(%d : tensor<4x2xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %in : f32
    %sum = arith.addf %out, %sq : f32
    linalg.yield %sum : f32
  } -> tensor<f32>
  return %s, %w : tensor<f32>, tensor<3x2xf32>
}
