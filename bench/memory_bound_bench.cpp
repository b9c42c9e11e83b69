//===- memory_bound_bench.cpp - memory-bound layers vs memory bandwidth ---===//
//
// Part of the nn-mlir project.
//
// Layers that read and write each element once, through the JIT library on
// 1 and 2 threads (SessionOptions::threads), in GB/s of bytes read +
// written, to be set against nn-bench-stream's copy and triad:
// * masked global average pooling, [256, 512, 256] f32 with a [256, 512]
//   mask -> [256, 256], and the same without a mask;
// * softmax over the last axis of [4096, 4096] f32;
// * layer_norm over the last axis of [4096, 4096] f32 with scale and offset;
// * both again over the same bytes in shorter rows: [16384, 1024] (a
//   transformer's width) and [131072, 128];
// * softmax over the last axis of [64, 512, 512] with a [512, 512] mask
//   broadcast over the batch (attention's scores).
// Results: docs/PERFORMANCE.md; bench/masked_pool_torch.py measures PyTorch.
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include <benchmark/benchmark.h>

#include <random>

using namespace nn::jit;
using namespace nn::bench;

namespace {

const char *kSource = R"mlir(
  func.func @pool(%x: tensor<256x512x256xf32>, %m: tensor<256x512xi1>) -> tensor<256x256xf32> {
    %0 = nn.global_avg_pool %x mask %m : (tensor<256x512x256xf32>, tensor<256x512xi1>) -> tensor<256x256xf32>
    return %0 : tensor<256x256xf32>
  }
  func.func @pool_unmasked(%x: tensor<256x512x256xf32>) -> tensor<256x256xf32> {
    %0 = nn.global_avg_pool %x : (tensor<256x512x256xf32>) -> tensor<256x256xf32>
    return %0 : tensor<256x256xf32>
  }
  func.func @softmax(%x: tensor<4096x4096xf32>) -> tensor<4096x4096xf32> {
    %0 = nn.softmax %x axis = 1 : tensor<4096x4096xf32>
    return %0 : tensor<4096x4096xf32>
  }
  func.func @layer_norm(%x: tensor<4096x4096xf32>, %g: tensor<4096xf32>, %b: tensor<4096xf32>) -> tensor<4096x4096xf32> {
    %0 = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05 : (tensor<4096x4096xf32>, tensor<4096xf32>, tensor<4096xf32>) -> tensor<4096x4096xf32>
    return %0 : tensor<4096x4096xf32>
  }
  func.func @softmax_rows1024(%x: tensor<16384x1024xf32>) -> tensor<16384x1024xf32> {
    %0 = nn.softmax %x axis = 1 : tensor<16384x1024xf32>
    return %0 : tensor<16384x1024xf32>
  }
  func.func @layer_norm_rows1024(%x: tensor<16384x1024xf32>, %g: tensor<1024xf32>, %b: tensor<1024xf32>) -> tensor<16384x1024xf32> {
    %0 = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05 : (tensor<16384x1024xf32>, tensor<1024xf32>, tensor<1024xf32>) -> tensor<16384x1024xf32>
    return %0 : tensor<16384x1024xf32>
  }
  func.func @softmax_rows128(%x: tensor<131072x128xf32>) -> tensor<131072x128xf32> {
    %0 = nn.softmax %x axis = 1 : tensor<131072x128xf32>
    return %0 : tensor<131072x128xf32>
  }
  func.func @masked_softmax(%x: tensor<64x512x512xf32>, %m: tensor<512x512xi1>) -> tensor<64x512x512xf32> {
    %0 = nn.softmax %x mask %m : tensor<64x512x512xf32>, tensor<512x512xi1>
    return %0 : tensor<64x512x512xf32>
  }
  func.func @layer_norm_rows128(%x: tensor<131072x128xf32>, %g: tensor<128xf32>, %b: tensor<128xf32>) -> tensor<131072x128xf32> {
    %0 = nn.layer_norm %x scale %g offset %b epsilon = 1.0e-05 : (tensor<131072x128xf32>, tensor<128xf32>, tensor<128xf32>) -> tensor<131072x128xf32>
    return %0 : tensor<131072x128xf32>
  })mlir";

/// Times `name` on deterministic inputs (i1 arguments: 4 in 5 true) with
/// state.range(0) threads; bytes = every argument and result once.
void run(benchmark::State &state, const char *name) {
  SessionOptions options;
  options.diskCache = false;
  options.threads = static_cast<unsigned>(state.range(0));
  std::unique_ptr<Session> session;
  const CompiledFunction *function =
      compileOrSkip(state, kSource, name, options, session);
  if (!function)
    return;
  Buffers buffers(function->getSignature());
  std::mt19937 rng(0);
  int64_t bytes = 0;
  for (HostTensor &tensor : buffers.tensors) {
    bytes += tensor.sizeInBytes();
    int64_t count = tensor.getType().numElements();
    if (tensor.getType().dtype == DType::Bool)
      fillMask(tensor, rng);
    else
      for (int64_t j = 0; j < count; ++j)
        tensor.dataAs<float>()[j] = static_cast<float>(j % 97) * 0.01f;
  }
  for (auto _ : state)
    if (llvm::Error error = session->call(name, buffers.arguments,
                                          buffers.results))
      llvm::report_fatal_error(std::move(error));
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_MaskedAvgPool(benchmark::State &state) { run(state, "pool"); }
void BM_AvgPool(benchmark::State &state) { run(state, "pool_unmasked"); }
void BM_Softmax(benchmark::State &state) { run(state, "softmax"); }
void BM_LayerNorm(benchmark::State &state) { run(state, "layer_norm"); }
void BM_SoftmaxRows1024(benchmark::State &state) {
  run(state, "softmax_rows1024");
}
void BM_LayerNormRows1024(benchmark::State &state) {
  run(state, "layer_norm_rows1024");
}
void BM_SoftmaxRows128(benchmark::State &state) {
  run(state, "softmax_rows128");
}
void BM_LayerNormRows128(benchmark::State &state) {
  run(state, "layer_norm_rows128");
}
void BM_MaskedSoftmax(benchmark::State &state) {
  run(state, "masked_softmax");
}

} // namespace

BENCHMARK(BM_MaskedAvgPool)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AvgPool)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Softmax)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LayerNorm)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SoftmaxRows1024)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LayerNormRows1024)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SoftmaxRows128)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LayerNormRows128)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MaskedSoftmax)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
