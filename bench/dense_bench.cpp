//===- dense_bench.cpp - dense layer compiled by the nn pipeline ----------===//
//
// Part of the nn-mlir project.
//
// Times relu(x . W + b) and the bare SGEMM x . W (nn.dense without bias) for
// f32 [M, K] x [K, N], lowered by the registered `nn-lower-to-llvm` pipeline
// and JIT-compiled for the host CPU at -O3, on one thread; and, when built
// with oneDNN (Debian's libdnnl-dev), oneDNN's dnnl_sgemm on the same shapes
// in the same run (its threads: OMP_NUM_THREADS). Reports GFLOP/s
// (2 M N K per call). Results: docs/PERFORMANCE.md.
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

#ifdef NN_HAVE_DNNL
#include <oneapi/dnnl/dnnl.h>
#endif

#include <random>
#include <vector>

namespace {

using Dense2D = StridedMemRefType<float, 2>;
using Dense1D = StridedMemRefType<float, 1>;
/// The C interfaces of the compiled functions: inputs, then the result.
using DenseFn = void (*)(Dense2D *, Dense2D *, Dense1D *, Dense2D *);
using SgemmFn = void (*)(Dense2D *, Dense2D *, Dense2D *);

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

/// The dense layer (`withBias`: relu(x . W + b)) or the bare x . W.
std::string denseSource(int64_t m, int64_t k, int64_t n, bool withBias) {
  if (!withBias)
    return llvm::formatv(R"mlir(
      func.func @dense(%x: tensor<{0}x{1}xf32>, %w: tensor<{1}x{2}xf32>)
          -> tensor<{0}x{2}xf32> {
        %0 = nn.dense %x, %w : (tensor<{0}x{1}xf32>, tensor<{1}x{2}xf32>)
                               -> tensor<{0}x{2}xf32>
        return %0 : tensor<{0}x{2}xf32>
      })mlir",
                         m, k, n)
        .str();
  return llvm::formatv(R"mlir(
    func.func @dense(%x: tensor<{0}x{1}xf32>, %w: tensor<{1}x{2}xf32>,
                     %b: tensor<{2}xf32>) -> tensor<{0}x{2}xf32> {
      %0 = nn.dense %x, %w, %b : (tensor<{0}x{1}xf32>, tensor<{1}x{2}xf32>,
                                  tensor<{2}xf32>) -> tensor<{0}x{2}xf32>
      %1 = nn.relu %0 : tensor<{0}x{2}xf32>
      return %1 : tensor<{0}x{2}xf32>
    })mlir",
                       m, k, n)
      .str();
}

std::unique_ptr<mlir::ExecutionEngine>
compileDense(mlir::MLIRContext &context, int64_t m, int64_t k, int64_t n,
             bool withBias) {
  std::string source = denseSource(m, k, n, withBias);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(source, &context);
  if (!module)
    return nullptr;
  mlir::PassManager pm(&context);
  mlir::nn::buildLowerToLLVMPipeline(pm, mlir::nn::CodegenPipelineOptions());
  if (failed(pm.run(*module)))
    return nullptr;

  // The options hold a function_ref: the transformer must outlive create().
  std::function<llvm::Error(llvm::Module *)> optimize =
      mlir::makeOptimizingTransformer(3, 0, nullptr);
  mlir::ExecutionEngineOptions options;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  options.transformer = optimize;
  options.enableGDBNotificationListener = false;
  options.enablePerfNotificationListener = false;
  auto engine = mlir::ExecutionEngine::create(*module, options);
  if (!engine) {
    llvm::errs() << llvm::toString(engine.takeError()) << "\n";
    return nullptr;
  }
  return std::move(*engine);
}

/// Compiles the dense function and returns its C interface, or skips.
void *lookupDense(benchmark::State &state, mlir::MLIRContext &context,
                  std::unique_ptr<mlir::ExecutionEngine> &engine, bool withBias) {
  engine = compileDense(context, state.range(0), state.range(1),
                        state.range(2), withBias);
  if (!engine) {
    state.SkipWithError("compilation failed");
    return nullptr;
  }
  auto symbol = engine->lookup("_mlir_ciface_dense");
  if (!symbol) {
    llvm::consumeError(symbol.takeError());
    state.SkipWithError("no _mlir_ciface_dense");
    return nullptr;
  }
  return *symbol;
}

mlir::DialectRegistry makeRegistry() {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
  mlir::nn::registerAllDialects(registry);
  return registry;
}

void fillRandom(std::initializer_list<std::vector<float> *> buffers) {
  std::mt19937 rng(0);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (std::vector<float> *buffer : buffers)
    for (float &v : *buffer)
      v = dist(rng);
}

void setRate(benchmark::State &state) {
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * state.range(0) * state.range(1) * state.range(2),
      benchmark::Counter::kIsIterationInvariantRate,
      benchmark::Counter::kIs1000);
}

void BM_Dense(benchmark::State &state) {
  int64_t m = state.range(0), k = state.range(1), n = state.range(2);
  mlir::MLIRContext context(makeRegistry());
  std::unique_ptr<mlir::ExecutionEngine> engine;
  auto fn = reinterpret_cast<DenseFn>(
      lookupDense(state, context, engine, /*withBias=*/true));
  if (!fn)
    return;
  Buffer<2> x({m, k}), w({k, n}), out({m, n});
  Buffer<1> b({n});
  fillRandom({&x.data, &w.data, &b.data});
  for (auto _ : state)
    fn(&x.desc, &w.desc, &b.desc, &out.desc);
  setRate(state);
}

void BM_Sgemm(benchmark::State &state) {
  int64_t m = state.range(0), k = state.range(1), n = state.range(2);
  mlir::MLIRContext context(makeRegistry());
  std::unique_ptr<mlir::ExecutionEngine> engine;
  auto fn = reinterpret_cast<SgemmFn>(
      lookupDense(state, context, engine, /*withBias=*/false));
  if (!fn)
    return;
  Buffer<2> x({m, k}), w({k, n}), out({m, n});
  fillRandom({&x.data, &w.data});
  for (auto _ : state)
    fn(&x.desc, &w.desc, &out.desc);
  setRate(state);
}

#ifdef NN_HAVE_DNNL
void BM_OneDNNSgemm(benchmark::State &state) {
  int64_t m = state.range(0), k = state.range(1), n = state.range(2);
  std::vector<float> x(m * k), w(k * n), out(m * n);
  fillRandom({&x, &w});
  for (auto _ : state)
    if (dnnl_sgemm('N', 'N', m, n, k, 1.0f, x.data(), k, w.data(), n, 0.0f,
                   out.data(), n) != dnnl_success) {
      state.SkipWithError("dnnl_sgemm failed");
      return;
    }
  setRate(state);
}
#endif

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
#ifdef NN_HAVE_DNNL
BENCHMARK(BM_OneDNNSgemm)->Apply(sgemmShapes);
#endif

int main(int argc, char **argv) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
