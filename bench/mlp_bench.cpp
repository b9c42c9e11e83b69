//===- mlp_bench.cpp - the 784-512-512-10 MLP through the JIT library -----===//
//
// Part of the nn-mlir project.
//
// dense+relu, dense+relu, dense+softmax, f32, with the weights and biases
// bound once to the Session (BoundFunction::call passes only x), at batch
// 1, 32 and 256, on 1 and 2 threads (SessionOptions::threads). The peer is
// bench/mlp_torch.py (PyTorch eager, same shapes and thread counts).
// Results: docs/PERFORMANCE.md.
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include "llvm/Support/FormatVariadic.h"

#include <benchmark/benchmark.h>

#include <random>

using namespace nn::jit;
using namespace nn::bench;

namespace {

std::string mlpSource(int64_t batch) {
  return llvm::formatv(R"mlir(
  func.func @mlp(%x: tensor<{0}x784xf32>,
                 %w1: tensor<784x512xf32> {{nn.name = "w1"}, %b1: tensor<512xf32> {{nn.name = "b1"},
                 %w2: tensor<512x512xf32> {{nn.name = "w2"}, %b2: tensor<512xf32> {{nn.name = "b2"},
                 %w3: tensor<512x10xf32> {{nn.name = "w3"}, %b3: tensor<10xf32> {{nn.name = "b3"})
      -> tensor<{0}x10xf32> {{
    %h1 = nn.dense %x, %w1, %b1 : (tensor<{0}x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<{0}x512xf32>
    %a1 = nn.relu %h1 : tensor<{0}x512xf32>
    %h2 = nn.dense %a1, %w2, %b2 : (tensor<{0}x512xf32>, tensor<512x512xf32>, tensor<512xf32>) -> tensor<{0}x512xf32>
    %a2 = nn.relu %h2 : tensor<{0}x512xf32>
    %h3 = nn.dense %a2, %w3, %b3 : (tensor<{0}x512xf32>, tensor<512x10xf32>, tensor<10xf32>) -> tensor<{0}x10xf32>
    %p = nn.softmax %h3 : tensor<{0}x10xf32>
    return %p : tensor<{0}x10xf32>
  })mlir",
                       batch)
      .str();
}

HostTensor randomTensor(const TensorType &type, std::mt19937 &rng) {
  HostTensor tensor(type);
  fillUniform(tensor, rng, -0.05f, 0.05f);
  return tensor;
}

/// Args: batch, threads.
void BM_MLP(benchmark::State &state) {
  int64_t batch = state.range(0);
  SessionOptions options;
  options.diskCache = false;
  options.threads = static_cast<unsigned>(state.range(1));
  std::unique_ptr<Session> session;
  const CompiledFunction *function =
      compileOrSkip(state, mlpSource(batch), "mlp", options, session);
  if (!function)
    return;
  const FunctionSignature &signature = function->getSignature();
  std::mt19937 rng(0);
  std::vector<HostTensor> params;
  std::vector<NamedBuffer> named;
  for (size_t i = 1; i < signature.arguments.size(); ++i)
    params.push_back(randomTensor(signature.arguments[i].type, rng));
  for (size_t i = 1; i < signature.arguments.size(); ++i)
    named.push_back({signature.arguments[i].name, params[i - 1].ref()});
  auto bound = session->bind("mlp", named);
  if (!bound) {
    state.SkipWithError(llvm::toString(bound.takeError()).c_str());
    return;
  }
  HostTensor x = randomTensor(signature.arguments[0].type, rng);
  HostTensor result(signature.results[0].type);
  BufferRef arguments[] = {x.ref()};
  BufferRef results[] = {result.ref()};
  for (auto _ : state)
    if (llvm::Error error = (*bound)->call(arguments, results))
      llvm::report_fatal_error(std::move(error));
  state.SetItemsProcessed(state.iterations() * batch);
}

} // namespace

BENCHMARK(BM_MLP)
    ->ArgNames({"batch", "threads"})
    ->ArgsProduct({{1, 32, 256}, {1, 2}})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK_MAIN();
