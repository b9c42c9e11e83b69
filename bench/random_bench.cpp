//===- random_bench.cpp - threefry, uniform and dropout throughput --------===//
//
// Part of the nn-mlir project.
//
// * Threefry: nn.rng.bits on 256Ki elements (1 MiB, stays in L2): the
//   compute bound of the generator, in elements per second.
// * Uniform: nn.rng.uniform on 64Mi f32 (256 MiB written).
// * Dropout: nn.dropout rate 0.5 on 64Mi f32 (256 MiB read + 256 MiB written).
// Each with 1 and 2 threads (the benchmark's argument; SessionOptions::
// threads), bit-identical by construction (test/nn-jit/random-threads.mlir).
// bench/random_torch.py measures torch.rand and dropout. docs/PERFORMANCE.md.
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include <benchmark/benchmark.h>

using namespace nn::jit;
using namespace nn::bench;

namespace {

constexpr int64_t kLarge = int64_t(64) << 20, kSmall = int64_t(256) << 10;

void run(benchmark::State &state, const char *source, const char *name,
         bool training, int64_t bytesPerCall, int64_t itemsPerCall) {
  SessionOptions options;
  options.diskCache = false;
  options.pipeline = training ? getTrainingPipeline() : "";
  std::unique_ptr<Session> session;
  const CompiledFunction *function =
      compileOrSkip(state, source, name, options, session);
  if (!function)
    return;
  Buffers buffers(function->getSignature());
  buffers.tensors[0].dataAs<uint32_t>()[1] = 42; // key(42) (the first argument)
  for (auto _ : state)
    if (llvm::Error error =
            function->call(buffers.arguments, buffers.results,
                           static_cast<unsigned>(state.range(0))))
      llvm::report_fatal_error(std::move(error));
  state.SetBytesProcessed(state.iterations() * bytesPerCall);
  state.SetItemsProcessed(state.iterations() * itemsPerCall);
}

void BM_Threefry(benchmark::State &state) {
  run(state, R"mlir(
    func.func @bits(%k: !nn.key) -> tensor<262144xi32> {
      %0 = nn.rng.bits %k : tensor<262144xi32>
      return %0 : tensor<262144xi32>
    })mlir",
      "bits", false, kSmall * 4, kSmall);
}

void BM_Uniform(benchmark::State &state) {
  run(state, R"mlir(
    func.func @uniform(%k: !nn.key) -> tensor<67108864xf32> {
      %0 = nn.rng.uniform %k : tensor<67108864xf32>
      return %0 : tensor<67108864xf32>
    })mlir",
      "uniform", false, kLarge * 4, kLarge);
}

void BM_Dropout(benchmark::State &state) {
  run(state, R"mlir(
    func.func @dropout(%k: !nn.key, %x: tensor<67108864xf32>) -> tensor<67108864xf32> {
      %0 = nn.dropout %x, %k rate = 0.5 : tensor<67108864xf32>
      return %0 : tensor<67108864xf32>
    })mlir",
      "dropout", true, kLarge * 8, kLarge);
}

} // namespace

BENCHMARK(BM_Threefry)
    ->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_Uniform)
    ->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Dropout)
    ->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
