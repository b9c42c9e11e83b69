//===- stream_bench.cpp - STREAM-style copy and triad bandwidth -----------===//
//
// Part of the nn-mlir project.
//
// The memory bound the memory-bound kernels are measured against: copy
// (a = b) and triad (a = b + s c) on 64Mi f32 arrays (256 MiB each, far past
// the caches), split in equal contiguous halves over 1 or 2 threads, in
// bytes read + written per second (write-allocate traffic not counted, as
// STREAM does); and read (the xor of all of b's 64-bit words), the bound of
// kernels that only read, such as pooling: one stream read by one core runs
// below triad's two (Zen 4: 21-24 GiB/s against 22-26 in the same runs);
// and copy with non-temporal stores (no write-allocate reads, as the
// layers' streamed outputs), the bound of a layer that reads and writes
// each element once.
// Results: docs/PERFORMANCE.md.
//
//===----------------------------------------------------------------------===//

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace {

constexpr int64_t kElements = int64_t(64) << 20;

struct Arrays {
  std::unique_ptr<float, decltype(&std::free)> a, b, c;
  Arrays()
      : a(allocate(), &std::free), b(allocate(), &std::free),
        c(allocate(), &std::free) {
    for (int64_t i = 0; i < kElements; ++i) {
      a.get()[i] = 0.0f;
      b.get()[i] = 1.0f;
      c.get()[i] = 2.0f;
    }
  }
  static float *allocate() {
    return static_cast<float *>(std::aligned_alloc(64, kElements * sizeof(float)));
  }
};

/// Runs `kernel(begin, end)` on `threads` equal contiguous ranges.
template <typename Kernel> void split(int threads, Kernel kernel) {
  std::vector<std::thread> workers;
  int64_t chunk = kElements / threads;
  for (int t = 1; t < threads; ++t)
    workers.emplace_back(kernel, t * chunk, (t + 1) * chunk);
  kernel(0, chunk);
  for (std::thread &worker : workers)
    worker.join();
}

void BM_Copy(benchmark::State &state) {
  Arrays arrays;
  int threads = static_cast<int>(state.range(0));
  for (auto _ : state)
    split(threads, [&](int64_t begin, int64_t end) {
      std::memcpy(arrays.a.get() + begin, arrays.b.get() + begin,
                  (end - begin) * sizeof(float));
    });
  state.SetBytesProcessed(state.iterations() * 2 * kElements * sizeof(float));
}

void BM_StreamingCopy(benchmark::State &state) {
  Arrays arrays;
  int threads = static_cast<int>(state.range(0));
  // One cache line per store: a vector of 16 floats (the ranges are
  // multiples of 16 and the arrays 64-byte aligned).
  using Line = float __attribute__((vector_size(64)));
  auto *a = reinterpret_cast<Line *>(arrays.a.get());
  const auto *b = reinterpret_cast<const Line *>(arrays.b.get());
  for (auto _ : state)
    split(threads, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin / 16; i < end / 16; ++i)
        __builtin_nontemporal_store(b[i], &a[i]);
    });
  state.SetBytesProcessed(state.iterations() * 2 * kElements * sizeof(float));
}
void BM_Triad(benchmark::State &state) {
  Arrays arrays;
  int threads = static_cast<int>(state.range(0));
  float *a = arrays.a.get(), *b = arrays.b.get(), *c = arrays.c.get();
  for (auto _ : state)
    split(threads, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i)
        a[i] = b[i] + 3.0f * c[i];
    });
  state.SetBytesProcessed(state.iterations() * 3 * kElements * sizeof(float));
}

void BM_Read(benchmark::State &state) {
  Arrays arrays;
  int threads = static_cast<int>(state.range(0));
  const auto *words = reinterpret_cast<const uint64_t *>(arrays.b.get());
  std::vector<uint64_t> sums(threads);
  for (auto _ : state) {
    split(threads, [&](int64_t begin, int64_t end) {
      // Integer xor: reassociable, so the compiler vectorizes the loop.
      uint64_t sum = 0;
      for (int64_t i = begin / 2; i < end / 2; ++i)
        sum ^= words[i];
      sums[begin / (kElements / threads)] = sum;
    });
    benchmark::DoNotOptimize(sums.data());
  }
  state.SetBytesProcessed(state.iterations() * kElements * sizeof(float));
}

} // namespace

BENCHMARK(BM_Read)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Copy)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StreamingCopy)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Triad)->ArgName("threads")->Arg(1)->Arg(2)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
