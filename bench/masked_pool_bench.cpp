//===- masked_pool_bench.cpp - masked average pooling vs memory bandwidth -===//
//
// Part of the nn-mlir project.
//
// Masked global average pooling on [256, 512, 256] f32 with a [256, 512]
// mask is memory-bound: it reads the input and the mask once and writes
// [256, 256]. Reported as GB/s of bytes read + written, next to STREAM-style
// copy and triad kernels (plain C++ loops compiled -O3) run in the same
// process on arrays of the same size class. One thread. Results:
// docs/PERFORMANCE.md; bench/masked_pool_torch.py measures PyTorch.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/Session.h"

#include <benchmark/benchmark.h>

#include <cstring>
#include <random>

using namespace nn::jit;

namespace {

constexpr int64_t kBatch = 256, kTime = 512, kFeatures = 256;
constexpr int64_t kStreamElements = kBatch * kTime * kFeatures; // 128 MiB f32

std::vector<float> &streamArray(int which) {
  static std::vector<float> arrays[3] = {
      std::vector<float>(kStreamElements, 1.0f),
      std::vector<float>(kStreamElements, 2.0f),
      std::vector<float>(kStreamElements, 0.0f)};
  return arrays[which];
}

void BM_StreamCopy(benchmark::State &state) {
  const float *__restrict b = streamArray(0).data();
  float *__restrict a = streamArray(2).data();
  for (auto _ : state) {
    for (int64_t i = 0; i < kStreamElements; ++i)
      a[i] = b[i];
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * 2 * kStreamElements * 4);
}

void BM_StreamTriad(benchmark::State &state) {
  const float *__restrict b = streamArray(0).data();
  const float *__restrict c = streamArray(1).data();
  float *__restrict a = streamArray(2).data();
  for (auto _ : state) {
    for (int64_t i = 0; i < kStreamElements; ++i)
      a[i] = b[i] + 3.0f * c[i];
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * 3 * kStreamElements * 4);
}

void BM_MaskedAvgPool(benchmark::State &state) {
  SessionOptions options;
  options.diskCache = false;
  auto session = Session::createFromString(R"mlir(
    func.func @pool(%x: tensor<256x512x256xf32>, %m: tensor<256x512xi1>) -> tensor<256x256xf32> {
      %0 = nn.global_avg_pool %x mask %m : (tensor<256x512x256xf32>, tensor<256x512xi1>) -> tensor<256x256xf32>
      return %0 : tensor<256x256xf32>
    })mlir",
                                           options);
  if (!session) {
    state.SkipWithError(llvm::toString(session.takeError()).c_str());
    return;
  }
  auto function = (*session)->lookup("pool");
  if (!function) {
    state.SkipWithError(llvm::toString(function.takeError()).c_str());
    return;
  }
  const FunctionSignature &signature = function->getSignature();
  HostTensor x(signature.arguments[0].type), mask(signature.arguments[1].type),
      out(signature.results[0].type);
  std::mt19937 rng(0);
  for (int64_t i = 0; i < x.getType().numElements(); ++i)
    x.dataAs<float>()[i] = static_cast<float>(i % 97) * 0.01f;
  for (int64_t i = 0; i < mask.getType().numElements(); ++i)
    mask.dataAs<uint8_t>()[i] = rng() % 5 != 0;
  BufferRef args[] = {x.ref(), mask.ref()}, results[] = {out.ref()};
  for (auto _ : state)
    if (llvm::Error error = function->call(args, results))
      llvm::report_fatal_error(std::move(error));
  state.SetBytesProcessed(state.iterations() *
                          (x.sizeInBytes() + mask.sizeInBytes() +
                           out.sizeInBytes()));
}

} // namespace

BENCHMARK(BM_StreamCopy)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StreamTriad)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MaskedAvgPool)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
