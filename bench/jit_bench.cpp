//===- jit_bench.cpp - JIT compile time and call overhead -----------------===//
//
// Part of the nn-mlir project.
//
// * ColdCompileMLP / ColdCompileMLP512: parse + full pipeline + LLVM + load
//   of the 784-128-10 MLP and of the 784-512-512-10 one (a fresh function
//   name per iteration, so every lookup compiles).
// * Call/<fn>: CompiledFunction::call (signature checks, descriptors, the
//   thread's workspace) against Direct/<fn>: the same native entry point
//   called with prebuilt descriptors; the difference is the runtime's
//   per-call overhead.
// Results: docs/PERFORMANCE.md.
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include "llvm/Support/FormatVariadic.h"

#include <benchmark/benchmark.h>

using namespace nn::jit;
using namespace nn::bench;

namespace {

const char *kTiny = R"mlir(
  func.func @tiny(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = nn.relu %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  })mlir";

std::string mlpSource(llvm::StringRef name) {
  return llvm::formatv(R"mlir(
  func.func @{0}(%x: tensor<4x784xf32>, %w1: tensor<784x128xf32>, %b1: tensor<128xf32>,
                 %w2: tensor<128x10xf32>, %b2: tensor<10xf32>) -> tensor<4x10xf32> {{
    %h = nn.dense %x, %w1, %b1 : (tensor<4x784xf32>, tensor<784x128xf32>, tensor<128xf32>) -> tensor<4x128xf32>
    %a = nn.relu %h : tensor<4x128xf32>
    %o = nn.dense %a, %w2, %b2 : (tensor<4x128xf32>, tensor<128x10xf32>, tensor<10xf32>) -> tensor<4x10xf32>
    %p = nn.softmax %o : tensor<4x10xf32>
    return %p : tensor<4x10xf32>
  })mlir",
                       name)
      .str();
}

/// The performance issue's MLP, 784-512-512-10 at batch 32.
std::string mlp512Source(llvm::StringRef name) {
  return llvm::formatv(R"mlir(
  func.func @{0}(%x: tensor<32x784xf32>, %w1: tensor<784x512xf32>, %b1: tensor<512xf32>,
                 %w2: tensor<512x512xf32>, %b2: tensor<512xf32>,
                 %w3: tensor<512x10xf32>, %b3: tensor<10xf32>) -> tensor<32x10xf32> {{
    %h1 = nn.dense %x, %w1, %b1 : (tensor<32x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<32x512xf32>
    %a1 = nn.relu %h1 : tensor<32x512xf32>
    %h2 = nn.dense %a1, %w2, %b2 : (tensor<32x512xf32>, tensor<512x512xf32>, tensor<512xf32>) -> tensor<32x512xf32>
    %a2 = nn.relu %h2 : tensor<32x512xf32>
    %h3 = nn.dense %a2, %w3, %b3 : (tensor<32x512xf32>, tensor<512x10xf32>, tensor<10xf32>) -> tensor<32x10xf32>
    %p = nn.softmax %h3 : tensor<32x10xf32>
    return %p : tensor<32x10xf32>
  })mlir",
                       name)
      .str();
}

SessionOptions noDisk() {
  SessionOptions options;
  options.diskCache = false;
  return options;
}

void coldCompile(benchmark::State &state,
                 std::string (*source)(llvm::StringRef)) {
  static int64_t counter = 0; // Unique across repetitions: never a cache hit.
  uint64_t compiledBefore = Session::getCacheStats().compiled;
  for (auto _ : state) {
    std::string name = "mlp_cold_" + std::to_string(counter++);
    std::unique_ptr<Session> session;
    if (!compileOrSkip(state, source(name), name, noDisk(), session))
      return;
  }
  state.counters["compiles"] =
      double(Session::getCacheStats().compiled - compiledBefore);
}

void BM_ColdCompileMLP(benchmark::State &state) { coldCompile(state, mlpSource); }
void BM_ColdCompileMLP512(benchmark::State &state) {
  coldCompile(state, mlp512Source);
}

template <bool Checked>
void runCalls(benchmark::State &state, const std::string &source,
              llvm::StringRef name) {
  std::unique_ptr<Session> session;
  const CompiledFunction *function =
      compileOrSkip(state, source, name, noDisk(), session);
  if (!function)
    return;
  Buffers buffers(function->getSignature());
  if (Checked) {
    for (auto _ : state)
      if (llvm::Error error = function->call(buffers.arguments, buffers.results))
        llvm::report_fatal_error(std::move(error));
    return;
  }
  // Prebuilt descriptors ({ptr, ptr, 0, sizes, strides}), as a hand-written
  // caller of the native code would keep them.
  std::vector<std::vector<int64_t>> descriptors;
  for (const BufferRef &b : llvm::concat<const BufferRef>(buffers.arguments,
                                                          buffers.results)) {
    std::vector<int64_t> d = {reinterpret_cast<int64_t>(b.data),
                              reinterpret_cast<int64_t>(b.data), 0};
    std::vector<int64_t> strides(b.shape.size());
    int64_t stride = 1;
    for (size_t i = b.shape.size(); i-- > 0;) {
      strides[i] = stride;
      stride *= b.shape[i];
    }
    d.insert(d.end(), b.shape.begin(), b.shape.end());
    d.insert(d.end(), strides.begin(), strides.end());
    descriptors.push_back(std::move(d));
  }
  static std::vector<char> workspace(1 << 20);
  descriptors.push_back({reinterpret_cast<int64_t>(workspace.data()),
                         reinterpret_cast<int64_t>(workspace.data()), 0,
                         int64_t(workspace.size()), 1});
  std::vector<void *> pointers;
  for (auto &d : descriptors)
    pointers.push_back(d.data());
  CompiledFunction::EntryFn entry = function->getEntryPoint();
  for (auto _ : state)
    entry(pointers.data());
}

void BM_Call_Tiny(benchmark::State &state) { runCalls<true>(state, kTiny, "tiny"); }
void BM_Direct_Tiny(benchmark::State &state) { runCalls<false>(state, kTiny, "tiny"); }
void BM_Call_MLP(benchmark::State &state) {
  runCalls<true>(state, mlpSource("mlp_calls"), "mlp_calls");
}
void BM_Direct_MLP(benchmark::State &state) {
  runCalls<false>(state, mlpSource("mlp_calls"), "mlp_calls");
}

} // namespace

BENCHMARK(BM_ColdCompileMLP)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_ColdCompileMLP512)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_Call_Tiny);
BENCHMARK(BM_Direct_Tiny);
BENCHMARK(BM_Call_MLP)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Direct_MLP)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
