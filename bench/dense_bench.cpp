//===- dense_bench.cpp - dense layer compiled by the nn pipeline ----------===//
//
// Part of the nn-mlir project.
//
// Times relu(x . W + b) and the bare SGEMM x . W (nn.dense without bias) for
// f32 [M, K] x [K, N] through the JIT library (Session, the default
// pipeline, -O3, CompiledFunction::call on 64-byte aligned buffers) on
// OMP_NUM_THREADS threads (SessionOptions::threads). The peer, oneDNN's
// dnnl_sgemm, is nn-bench-onednn (its own process: oneDNN brings GNU's
// OpenMP runtime, we LLVM's). Reports GFLOP/s (2 M N K per call).
// Results: docs/PERFORMANCE.md.
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include "llvm/Support/FormatVariadic.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>

using namespace nn::jit;
using namespace nn::bench;

namespace {

/// OMP_NUM_THREADS, the thread count of both sides (0: one per core).
unsigned benchThreads() {
  const char *value = std::getenv("OMP_NUM_THREADS");
  return value ? static_cast<unsigned>(std::atoi(value)) : 0;
}

/// relu(x . W + b) or, without bias, x . W.
std::string denseSource(int64_t m, int64_t k, int64_t n, bool withBias) {
  if (withBias)
    return llvm::formatv(R"mlir(
      func.func @dense(%x: tensor<{0}x{1}xf32>, %w: tensor<{1}x{2}xf32>,
                       %b: tensor<{2}xf32>) -> tensor<{0}x{2}xf32> {{
        %0 = nn.dense %x, %w, %b : (tensor<{0}x{1}xf32>, tensor<{1}x{2}xf32>,
                                    tensor<{2}xf32>) -> tensor<{0}x{2}xf32>
        %1 = nn.relu %0 : tensor<{0}x{2}xf32>
        return %1 : tensor<{0}x{2}xf32>
      })mlir",
                         m, k, n)
        .str();
  return llvm::formatv(R"mlir(
    func.func @dense(%x: tensor<{0}x{1}xf32>, %w: tensor<{1}x{2}xf32>)
        -> tensor<{0}x{2}xf32> {{
      %0 = nn.dense %x, %w : (tensor<{0}x{1}xf32>, tensor<{1}x{2}xf32>)
          -> tensor<{0}x{2}xf32>
      return %0 : tensor<{0}x{2}xf32>
    })mlir",
                       m, k, n)
      .str();
}

/// Compiles @dense for the state's shape and times calls on random inputs.
void runDense(benchmark::State &state, bool withBias) {
  SessionOptions options;
  options.diskCache = false;
  options.threads = benchThreads();
  std::unique_ptr<Session> session;
  const CompiledFunction *function = compileOrSkip(
      state,
      denseSource(state.range(0), state.range(1), state.range(2), withBias),
      "dense", options, session);
  if (!function)
    return;
  Buffers buffers(function->getSignature());
  std::mt19937 rng(0);
  for (size_t i = 0; i < buffers.arguments.size(); ++i)
    fillUniform(buffers.tensors[i], rng, -1.0f, 1.0f);
  for (auto _ : state)
    if (llvm::Error error = function->call(buffers.arguments, buffers.results,
                                           options.threads))
      llvm::report_fatal_error(std::move(error));
}

void setRate(benchmark::State &state) {
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * state.range(0) * state.range(1) * state.range(2),
      benchmark::Counter::kIsIterationInvariantRate,
      benchmark::Counter::kIs1000);
}

void BM_Dense(benchmark::State &state) {
  runDense(state, /*withBias=*/true);
  setRate(state);
}

void BM_Sgemm(benchmark::State &state) {
  runDense(state, /*withBias=*/false);
  setRate(state);
}

} // namespace

BENCHMARK(BM_Dense)
    ->ArgNames({"M", "K", "N"})
    ->Args({512, 512, 512})
    ->Args({256, 784, 512})
    ->Args({32, 784, 512})
    ->Args({4, 784, 128})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

/// The issue's SGEMM shapes: square ones and the MLP's (K = 784, N = 512).
void sgemmShapes(benchmark::internal::Benchmark *b) {
  b->ArgNames({"M", "K", "N"});
  for (int64_t size : {512, 1024, 2048})
    b->Args({size, size, size});
  for (int64_t m : {1, 32, 256})
    b->Args({m, 784, 512});
  b->Unit(benchmark::kMicrosecond)->UseRealTime();
}

BENCHMARK(BM_Sgemm)->Apply(sgemmShapes);

/// Awkward sizes (1000, 1023, 7, 10, and K = 784) and their nearest
/// power-of-two neighbours: rows M, columns N, the square 1023^3, and the
/// MLP's 10-class layer (beside 8 columns, one AVX2 register); the same
/// SGEMM as BM_Sgemm, named BM_SgemmRagged (run_all.py pairs the sizes).
void raggedShapes(benchmark::internal::Benchmark *b) {
  b->ArgNames({"M", "K", "N"});
  for (int64_t n : {1024, 1000, 1023})
    b->Args({256, 784, n});
  for (int64_t m : {1024, 1000, 1023, 8, 7, 10})
    b->Args({m, 784, 512});
  for (int64_t n : {8, 10})
    b->Args({256, 512, n});
  for (int64_t size : {1024, 1023})
    b->Args({size, size, size});
  b->Unit(benchmark::kMicrosecond)->UseRealTime();
}

BENCHMARK(BM_Sgemm)->Name("BM_SgemmRagged")->Apply(raggedShapes);

BENCHMARK_MAIN();
