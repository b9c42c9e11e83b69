//===- dense_bench.cpp - dense layer compiled by the nn pipeline ----------===//
//
// Part of the nn-mlir project.
//
// Times relu(x . W + b) for f32 [M, K] x [K, N], lowered by the registered
// `nn-lower-to-llvm` pipeline and JIT-compiled for the host CPU at -O3, on one
// thread. Reports GFLOP/s (2 M N K per call). Results: docs/PERFORMANCE.md.
//
//===----------------------------------------------------------------------===//

#include "nn/InitAll.h"

#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

namespace {

using Dense2D = StridedMemRefType<float, 2>;
using Dense1D = StridedMemRefType<float, 1>;
/// The C interface of the compiled function: inputs, then the result buffer.
using DenseFn = void (*)(Dense2D *, Dense2D *, Dense1D *, Dense2D *);

/// A row-major buffer and its memref descriptor.
template <int Rank> struct Buffer {
  std::vector<float> data;
  StridedMemRefType<float, Rank> desc;
  explicit Buffer(std::array<int64_t, Rank> shape) {
    int64_t size = 1;
    for (int64_t d : shape)
      size *= d;
    data.resize(size);
    desc.basePtr = desc.data = data.data();
    desc.offset = 0;
    int64_t stride = 1;
    for (int i = Rank - 1; i >= 0; --i) {
      desc.sizes[i] = shape[i];
      desc.strides[i] = stride;
      stride *= shape[i];
    }
  }
};

std::unique_ptr<mlir::ExecutionEngine> compileDense(mlir::MLIRContext &context,
                                                    int64_t m, int64_t k,
                                                    int64_t n) {
  std::string source = llvm::formatv(R"mlir(
    func.func @dense(%x: tensor<{0}x{1}xf32>, %w: tensor<{1}x{2}xf32>,
                     %b: tensor<{2}xf32>) -> tensor<{0}x{2}xf32> {
      %0 = nn.dense %x, %w, %b : (tensor<{0}x{1}xf32>, tensor<{1}x{2}xf32>,
                                  tensor<{2}xf32>) -> tensor<{0}x{2}xf32>
      %1 = nn.relu %0 : tensor<{0}x{2}xf32>
      return %1 : tensor<{0}x{2}xf32>
    })mlir",
                                     m, k, n)
                           .str();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(source, &context);
  if (!module)
    return nullptr;
  mlir::PassManager pm(&context);
  mlir::nn::buildLowerToLLVMPipeline(pm, mlir::nn::CodegenPipelineOptions());
  if (failed(pm.run(*module)))
    return nullptr;

  mlir::ExecutionEngineOptions options;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  options.transformer = mlir::makeOptimizingTransformer(3, 0, nullptr);
  options.enableGDBNotificationListener = false;
  options.enablePerfNotificationListener = false;
  auto engine = mlir::ExecutionEngine::create(*module, options);
  if (!engine) {
    llvm::errs() << llvm::toString(engine.takeError()) << "\n";
    return nullptr;
  }
  return std::move(*engine);
}

void BM_Dense(benchmark::State &state) {
  int64_t m = state.range(0), k = state.range(1), n = state.range(2);
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
  mlir::nn::registerAllDialects(registry);
  mlir::MLIRContext context(registry);

  std::unique_ptr<mlir::ExecutionEngine> engine = compileDense(context, m, k, n);
  if (!engine) {
    state.SkipWithError("compilation failed");
    return;
  }
  auto symbol = engine->lookup("_mlir_ciface_dense");
  if (!symbol) {
    llvm::consumeError(symbol.takeError());
    state.SkipWithError("no _mlir_ciface_dense");
    return;
  }
  auto fn = reinterpret_cast<DenseFn>(*symbol);

  Buffer<2> x({m, k}), w({k, n}), out({m, n});
  Buffer<1> b({n});
  std::mt19937 rng(0);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (auto *buffer : {&x.data, &w.data, &b.data})
    for (float &v : *buffer)
      v = dist(rng);

  for (auto _ : state)
    fn(&x.desc, &w.desc, &b.desc, &out.desc);
  state.counters["GFLOP/s"] =
      benchmark::Counter(2.0 * m * n * k, benchmark::Counter::kIsIterationInvariantRate,
                         benchmark::Counter::kIs1000);
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

int main(int argc, char **argv) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
