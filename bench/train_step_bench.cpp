//===- train_step_bench.cpp - the MLP's compiled train step ---------------===//
//
// Part of the nn-mlir project.
//
// One Adam train step (forward, mean cross-entropy, backward, update) of
// the 784-512-512-10 MLP, as nn-train-step generates it, at batch 32 and
// 256 on 1 and 2 threads, reported in GFLOP/s beside the FMA peak of this
// CPU measured in the same run (BM_FmaPeak). A step is 3.21 MFLOP per
// example: the forward's three matmuls, the same again for the weight
// gradients, and the input gradients of layers 2 and 3 (the first layer's
// input needs none). ColdCompileTrainStep: nn-train-step and the whole
// pipeline for a module never seen before. The peer is
// bench/train_step_torch.py. Results: docs/PERFORMANCE.md.
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include "llvm/Support/FormatVariadic.h"

#include <benchmark/benchmark.h>

#include <immintrin.h>
#include <random>

using namespace nn::jit;
using namespace nn::bench;

namespace {

std::string lossSource(int64_t batch, llvm::StringRef name) {
  return llvm::formatv(R"mlir(
  func.func @{1}(%w1: tensor<784x512xf32> {{nn.name = "w1"}, %b1: tensor<512xf32> {{nn.name = "b1"},
                 %w2: tensor<512x512xf32> {{nn.name = "w2"}, %b2: tensor<512xf32> {{nn.name = "b2"},
                 %w3: tensor<512x10xf32> {{nn.name = "w3"}, %b3: tensor<10xf32> {{nn.name = "b3"},
                 %x: tensor<{0}x784xf32>, %labels: tensor<{0}xi32>) -> tensor<f32> {{
    %h1 = nn.dense %x, %w1, %b1 : (tensor<{0}x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<{0}x512xf32>
    %a1 = nn.relu %h1 : tensor<{0}x512xf32>
    %h2 = nn.dense %a1, %w2, %b2 : (tensor<{0}x512xf32>, tensor<512x512xf32>, tensor<512xf32>) -> tensor<{0}x512xf32>
    %a2 = nn.relu %h2 : tensor<{0}x512xf32>
    %h3 = nn.dense %a2, %w3, %b3 : (tensor<{0}x512xf32>, tensor<512x10xf32>, tensor<10xf32>) -> tensor<{0}x10xf32>
    %l = nn.sparse_softmax_cross_entropy %h3, %labels : (tensor<{0}x10xf32>, tensor<{0}xi32>) -> tensor<f32>
    return %l : tensor<f32>
  })mlir",
                       batch, name)
      .str();
}

SessionOptions trainStepOptions(llvm::StringRef name) {
  SessionOptions options;
  options.diskCache = false;
  options.training = true;
  options.pipeline = getTrainingPipeline();
  options.preparePipeline =
      ("builtin.module(nn-train-step{function=" + name +
       " wrt=0,1,2,3,4,5 optimizer=adam learning-rate=0.001})")
          .str();
  return options;
}

constexpr double kFlopsPerExample =
    2.0 * (784 * 512 + 512 * 512 + 512 * 10) * 2 + 2.0 * (512 * 512 + 512 * 10);

/// Args: batch, threads.
void BM_TrainStep(benchmark::State &state) {
  int64_t batch = state.range(0);
  SessionOptions options = trainStepOptions("loss");
  options.threads = static_cast<unsigned>(state.range(1));
  std::unique_ptr<Session> session;
  const CompiledFunction *step = compileOrSkip(
      state, lossSource(batch, "loss"), "loss_train_step", options, session);
  if (!step)
    return;
  Buffers buffers(step->getSignature());
  std::mt19937 rng(0);
  const FunctionSignature &signature = step->getSignature();
  for (size_t i = 0; i < signature.arguments.size(); ++i) {
    HostTensor &tensor = buffers.tensors[i];
    if (tensor.getType().dtype == DType::F32)
      fillUniform(tensor, rng, -0.05f, 0.05f);
    else if (signature.arguments[i].name != "step") // labels
      for (int64_t j = 0; j < batch; ++j)
        tensor.dataAs<int32_t>()[j] = static_cast<int32_t>(rng() % 10);
  }
  // Params and optimizer state are donated: each is its own result's
  // buffer, updated in place (no copy), as nn-train's Trainer passes them.
  for (auto [index, result] : llvm::enumerate(signature.results))
    if (result.donatedFrom)
      buffers.results[index] = buffers.arguments[*result.donatedFrom];
  for (auto _ : state)
    if (llvm::Error error =
            step->call(buffers.arguments, buffers.results, options.threads))
      llvm::report_fatal_error(std::move(error));
  state.counters["GFLOPs"] = benchmark::Counter(
      kFlopsPerExample * batch * state.iterations() / 1e9,
      benchmark::Counter::kIsRate);
}

void BM_ColdCompileTrainStep(benchmark::State &state) {
  static int64_t counter = 0; // a new module every time: never a cache hit
  for (auto _ : state) {
    std::string name = "loss_cold_" + std::to_string(counter++);
    std::unique_ptr<Session> session;
    if (!compileOrSkip(state, lossSource(256, name), name + "_train_step",
                       trainStepOptions(name), session))
      return;
  }
}

// Twelve independent FMA chains, enough to cover the FMA latency on every
// port: the CPU's single-thread f32 peak. Returns the flops done.
__attribute__((target("avx2,fma"))) double fmaPeak256(int64_t iterations) {
  __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(1e-3f);
  __m256 acc[12];
  for (__m256 &v : acc)
    v = b;
  for (int64_t i = 0; i < iterations; ++i)
    for (__m256 &v : acc)
      v = _mm256_fmadd_ps(v, a, b);
  float sink = 0;
  for (__m256 &v : acc)
    sink += _mm256_cvtss_f32(v);
  benchmark::DoNotOptimize(sink);
  return 2.0 * 8 * 12 * iterations;
}

__attribute__((target("avx512f"))) double fmaPeak512(int64_t iterations) {
  __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(1e-3f);
  __m512 acc[12];
  for (__m512 &v : acc)
    v = b;
  for (int64_t i = 0; i < iterations; ++i)
    for (__m512 &v : acc)
      v = _mm512_fmadd_ps(v, a, b);
  float sink = 0;
  for (__m512 &v : acc)
    sink += _mm512_cvtss_f32(v);
  benchmark::DoNotOptimize(sink);
  return 2.0 * 16 * 12 * iterations;
}

void BM_FmaPeak(benchmark::State &state) {
  bool avx512 = __builtin_cpu_supports("avx512f");
  if (!avx512 && !__builtin_cpu_supports("fma")) {
    state.SkipWithError("no FMA");
    return;
  }
  double flops = 0;
  for (auto _ : state)
    flops += avx512 ? fmaPeak512(1 << 20) : fmaPeak256(1 << 20);
  state.counters["GFLOPs"] =
      benchmark::Counter(flops / 1e9, benchmark::Counter::kIsRate);
  state.SetLabel(avx512 ? "avx512" : "avx2");
}

} // namespace

BENCHMARK(BM_FmaPeak)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TrainStep)
    ->ArgNames({"batch", "threads"})
    ->ArgsProduct({{32, 256}, {1, 2}})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(BM_ColdCompileTrainStep)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_MAIN();
