//===- dense_bench.cpp - dense layer compiled by the nn pipeline ----------===//
//
// Part of the nn-mlir project.
//
// Times relu(x . W + b), the bare SGEMM x . W (nn.dense without bias) for
// f32 [M, K] x [K, N], and the products with a transposed factor that
// reverse mode emits (A^T B, A B^T) beside A B of the same shape, through
// the JIT library (Session, the default pipeline, LLVM -O2,
// CompiledFunction::call on 64-byte aligned buffers) on
// OMP_NUM_THREADS threads (SessionOptions::threads). The peer, oneDNN's
// dnnl_sgemm, is nn-bench-onednn (its own process: oneDNN brings GNU's
// OpenMP runtime, we LLVM's). Reports GFLOP/s (2 M N K per call).
// Results: docs/PERFORMANCE.md.
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include "llvm/Support/FormatVariadic.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <limits>
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

/// How the product C[M, N] reads its factors: as stored (A B), or one of
/// them transposed, as reverse mode's weight gradient (A^T B, A stored
/// [K, M]) and input gradient (A B^T, B stored [N, K]) do.
enum class Layout : int64_t { AB = 0, ATB = 1, ABT = 2 };

/// The product in `layout` as the linalg.generic reverse mode emits (the
/// pipeline's nn-specialize-contractions turns it into a matmul).
std::string productSource(int64_t m, int64_t k, int64_t n, Layout layout) {
  bool ta = layout == Layout::ATB, tb = layout == Layout::ABT;
  return llvm::formatv(R"mlir(
    func.func @dense(%a: tensor<{3}xf32>, %b: tensor<{4}xf32>)
        -> tensor<{0}x{2}xf32> {{
      %zero = arith.constant 0.0 : f32
      %empty = tensor.empty() : tensor<{0}x{2}xf32>
      %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<{0}x{2}xf32>)
          -> tensor<{0}x{2}xf32>
      %c = linalg.generic {{
          indexing_maps = [affine_map<(m, n, k) -> ({5})>,
                           affine_map<(m, n, k) -> ({6})>,
                           affine_map<(m, n, k) -> (m, n)>],
          iterator_types = ["parallel", "parallel", "reduction"]}
          ins(%a, %b : tensor<{3}xf32>, tensor<{4}xf32>)
          outs(%init : tensor<{0}x{2}xf32>) {{
      ^bb0(%x: f32, %y: f32, %acc: f32):
        %p = arith.mulf %x, %y : f32
        %s = arith.addf %acc, %p : f32
        linalg.yield %s : f32
      } -> tensor<{0}x{2}xf32>
      return %c : tensor<{0}x{2}xf32>
    })mlir",
                       m, k, n,
                       ta ? llvm::formatv("{0}x{1}", k, m).str()
                          : llvm::formatv("{0}x{1}", m, k).str(),
                       tb ? llvm::formatv("{0}x{1}", n, k).str()
                          : llvm::formatv("{0}x{1}", k, n).str(),
                       ta ? "k, m" : "m, k", tb ? "n, k" : "k, n")
      .str();
}

/// Compiles @dense from `source` and times calls on random inputs.
void runDense(benchmark::State &state, const std::string &source) {
  SessionOptions options;
  options.diskCache = false;
  options.threads = benchThreads();
  std::unique_ptr<Session> session;
  const CompiledFunction *function =
      compileOrSkip(state, source, "dense", options, session);
  if (!function)
    return;
  Buffers buffers(function->getSignature());
  std::mt19937 rng(0);
  for (size_t i = 0; i < buffers.arguments.size(); ++i)
    fillUniform(buffers.tensors[i], rng, -1.0f, 1.0f);
  // Also the fastest single call: on a shared machine, other processes only
  // ever slow a call down, so the fastest is the kernel's own speed.
  double fastest = std::numeric_limits<double>::infinity();
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error error = function->call(buffers.arguments, buffers.results,
                                           options.threads))
      llvm::report_fatal_error(std::move(error));
    fastest = std::min(
        fastest, std::chrono::duration<double, std::micro>(
                     std::chrono::steady_clock::now() - start)
                     .count());
  }
  state.counters["fastest_us"] = fastest;
}

void setRate(benchmark::State &state) {
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * state.range(0) * state.range(1) * state.range(2),
      benchmark::Counter::kIsIterationInvariantRate,
      benchmark::Counter::kIs1000);
}

void BM_Dense(benchmark::State &state) {
  runDense(state, denseSource(state.range(0), state.range(1), state.range(2),
                              /*withBias=*/true));
  setRate(state);
}

void BM_Sgemm(benchmark::State &state) {
  runDense(state, denseSource(state.range(0), state.range(1), state.range(2),
                              /*withBias=*/false));
  setRate(state);
}

/// Args: M, K, N, layout (0: A B, 1: A^T B, 2: A B^T).
void BM_SgemmTransposed(benchmark::State &state) {
  runDense(state,
           productSource(state.range(0), state.range(1), state.range(2),
                         static_cast<Layout>(state.range(3))));
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

/// Reverse mode's products beside A B of the same shape: the square SGEMM
/// shapes and the 784-512-512-10 MLP's at batch 256 (its forward A B; the
/// input gradients G W^T, K = the layer's width; the weight gradients
/// X^T G, K = the batch), each in all three layouts.
void transposedShapes(benchmark::internal::Benchmark *b) {
  b->ArgNames({"M", "K", "N", "layout"});
  const int64_t shapes[][3] = {{512, 512, 512},  {1024, 1024, 1024},
                               {256, 784, 512},  {256, 512, 512},
                               {256, 512, 784},  {784, 256, 512},
                               {512, 256, 512},  {512, 256, 10}};
  for (const auto &shape : shapes)
    for (int64_t layout : {0, 1, 2})
      b->Args({shape[0], shape[1], shape[2], layout});
  // The minimum over repetitions (of fastest_us: the fastest call of all).
  b->ComputeStatistics("min", [](const std::vector<double> &values) {
    return *std::min_element(values.begin(), values.end());
  });
  b->Unit(benchmark::kMicrosecond)->UseRealTime();
}

BENCHMARK(BM_SgemmTransposed)->Apply(transposedShapes);

BENCHMARK_MAIN();
