//===- onednn_bench.cpp - oneDNN's SGEMM, the dense layer's peer ----------===//
//
// Part of the nn-mlir project.
//
// dnnl_sgemm (Debian's libdnnl-dev) on nn-bench-dense's SGEMM shapes, with
// 64-byte aligned buffers and OMP_NUM_THREADS threads. A process of its own:
// oneDNN uses GNU's OpenMP runtime, the compiled code LLVM's, and two
// runtimes in one process do not agree on the thread count.
//
//===----------------------------------------------------------------------===//

#include <benchmark/benchmark.h>
#include <oneapi/dnnl/dnnl.h>

#include <cstdlib>
#include <memory>
#include <random>

namespace {

struct AlignedFloats {
  std::unique_ptr<float, decltype(&std::free)> data;
  explicit AlignedFloats(int64_t count)
      : data(static_cast<float *>(
                 std::aligned_alloc(64, (count * sizeof(float) + 63) / 64 * 64)),
             &std::free) {
    std::mt19937 rng(0);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    for (int64_t i = 0; i < count; ++i)
      data.get()[i] = dist(rng);
  }
};

void BM_OneDNNSgemm(benchmark::State &state) {
  int64_t m = state.range(0), k = state.range(1), n = state.range(2);
  AlignedFloats x(m * k), w(k * n), out(m * n);
  for (auto _ : state)
    if (dnnl_sgemm('N', 'N', m, n, k, 1.0f, x.data.get(), k, w.data.get(), n,
                   0.0f, out.data.get(), n) != dnnl_success) {
      state.SkipWithError("dnnl_sgemm failed");
      return;
    }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * m * n * k, benchmark::Counter::kIsIterationInvariantRate,
      benchmark::Counter::kIs1000);
}

} // namespace

BENCHMARK(BM_OneDNNSgemm)
    ->ArgNames({"M", "K", "N"})
    ->Args({512, 512, 512})
    ->Args({1024, 1024, 1024})
    ->Args({2048, 2048, 2048})
    ->Args({1, 784, 512})
    ->Args({32, 784, 512})
    ->Args({256, 784, 512})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK_MAIN();
