//===- BenchSupport.h - shared set-up of the JIT benchmarks ---------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_BENCH_BENCHSUPPORT_H
#define NN_BENCH_BENCHSUPPORT_H

#include "nn/JIT/Session.h"

#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace nn::bench {

/// Compiles `name` of `source` in a new session, kept alive in `session`;
/// on failure marks the benchmark skipped with the error and returns null.
inline const jit::CompiledFunction *
compileOrSkip(benchmark::State &state, const std::string &source,
              llvm::StringRef name, const jit::SessionOptions &options,
              std::unique_ptr<jit::Session> &session) {
  auto created = jit::Session::createFromString(source, options);
  if (!created) {
    state.SkipWithError(llvm::toString(created.takeError()).c_str());
    return nullptr;
  }
  session = std::move(*created);
  auto function = session->lookup(name);
  if (!function) {
    state.SkipWithError(llvm::toString(function.takeError()).c_str());
    return nullptr;
  }
  return &*function;
}

/// Owned buffers for every argument and result of `signature` (64-byte
/// aligned host tensors) and the refs a call takes, made once the tensors
/// stop moving (a ref views its tensor's shape).
struct Buffers {
  std::vector<jit::HostTensor> tensors;
  std::vector<jit::BufferRef> arguments, results;
  explicit Buffers(const jit::FunctionSignature &signature) {
    for (const jit::ValueInfo &info : signature.arguments)
      tensors.emplace_back(info.type);
    for (const jit::ValueInfo &info : signature.results)
      tensors.emplace_back(info.type);
    for (size_t i = 0; i < tensors.size(); ++i)
      (i < signature.arguments.size() ? arguments : results)
          .push_back(tensors[i].ref());
  }
};

/// Fills an f32 tensor with uniform values in [lo, hi).
inline void fillUniform(jit::HostTensor &tensor, std::mt19937 &rng, float lo,
                        float hi) {
  std::uniform_real_distribution<float> uniform(lo, hi);
  float *data = tensor.dataAs<float>();
  for (int64_t i = 0, e = tensor.getType().numElements(); i < e; ++i)
    data[i] = uniform(rng);
}

/// i1 values (masks), 4 in 5 true.
inline void fillMask(jit::HostTensor &tensor, std::mt19937 &rng) {
  uint8_t *data = tensor.dataAs<uint8_t>();
  for (int64_t i = 0, e = tensor.getType().numElements(); i < e; ++i)
    data[i] = rng() % 5 != 0;
}

} // namespace nn::bench

#endif // NN_BENCH_BENCHSUPPORT_H
