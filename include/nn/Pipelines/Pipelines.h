//===- Pipelines.h - the registered lowering pipelines -----------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// One registered pipeline per lowering stage; each stage can be run (and
// FileCheck-ed) alone with nn-opt, and `nn-lower-to-llvm` runs them all:
//
//   nn-lower-to-linalg      nn -> linalg on tensors, elementwise fusion
//   nn-tile-and-vectorize   strategy, tiling + fusion, vectorization
//   nn-bufferize            one-shot bufferization, results as out-params
//   nn-lower-to-llvm        all of the above, then vector/scf/math/memref ->
//                           LLVM dialect with C-interface wrappers
//
//===----------------------------------------------------------------------===//

#ifndef NN_PIPELINES_PIPELINES_H
#define NN_PIPELINES_PIPELINES_H

#include "nn/Codegen/Target.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::nn {

/// Options of the code generation stages (mirrors the strategy pass).
struct CodegenPipelineOptions
    : public PassPipelineOptions<CodegenPipelineOptions> {
  Option<CodegenTarget> codegenTarget{
      *this, "codegen-target",
      llvm::cl::desc("Vector ISA level the tile sizes are chosen for (the "
                     "code is compiled for the host CPU either way)"),
      llvm::cl::init(CodegenTarget::X86_64_V4),
      llvm::cl::values(
          clEnumValN(CodegenTarget::Host, "host",
                     "the level of the CPU running the pipeline"),
          clEnumValN(CodegenTarget::X86_64_V4, "x86-64-v4", "AVX-512"),
          clEnumValN(CodegenTarget::X86_64_V3, "x86-64-v3", "AVX2 and FMA"),
          clEnumValN(CodegenTarget::X86_64, "x86-64", "SSE2"),
          clEnumValN(CodegenTarget::ArmV8A, "armv8-a",
                     "AArch64 Advanced SIMD"))};
  Option<int64_t> registerTileRows{
      *this, "register-tile-rows",
      llvm::cl::desc("Rows of the matmul register tile (M); default: the "
                     "codegen target's"),
      llvm::cl::init(8)};
  Option<int64_t> registerTileCols{
      *this, "register-tile-cols",
      llvm::cl::desc("Columns of the matmul register tile (N); default: the "
                     "codegen target's"),
      llvm::cl::init(32)};
  Option<int64_t> vectorWidth{
      *this, "vector-width",
      llvm::cl::desc("f32 lanes of the target's vector registers"),
      llvm::cl::init(16)};
  Option<int64_t> l2CacheBytes{
      *this, "l2-cache-bytes",
      llvm::cl::desc("Bytes of one core's L2 cache (the cache tiles' budget)"),
      llvm::cl::init(2097152)};
  Option<int64_t> copiedACacheTileCols{
      *this, "copied-a-cache-tile-cols",
      llvm::cl::desc("Widest cache tile of a matmul's N where its A block is "
                     "copied (256 copies it once per 256 columns)"),
      llvm::cl::init(2048)};
  Option<bool> fuseIntoReductionChunks{
      *this, "fuse-into-reduction-chunks",
      llvm::cl::desc("Compute an elementwise op read by a chunked row "
                     "reduction (a softmax's exponentials) in that "
                     "reduction's chunk loop"),
      llvm::cl::init(true)};
  Option<int64_t> reductionStreams{
      *this, "reduction-streams",
      llvm::cl::desc("Parts of a big reduction over an outer loop read side "
                     "by side (nn-split-reduction-streams); 1: none"),
      llvm::cl::init(4)};
  Option<bool> expTable{
      *this, "exp-table",
      llvm::cl::desc("Lower f32 exp through a 16-entry table (vpermd) where "
                     "the host has AVX-512 (whatever the codegen target)"),
      llvm::cl::init(true)};
  Option<int64_t> maxVectorElements{
      *this, "max-vector-elements",
      llvm::cl::desc("Largest iteration space turned into one vector op"),
      llvm::cl::init(4096)};
  Option<int64_t> prefetchRowsAhead{
      *this, "prefetch-rows-ahead",
      llvm::cl::desc("Row tiles ahead that row groups prefetch during their "
                     "compute passes (nn-prefetch-rows); 0: none"),
      llvm::cl::init(1)};
  Option<bool> prefetchRowsShared{
      *this, "prefetch-rows-shared",
      llvm::cl::desc("Spread a row group's prefetch of the rows ahead over "
                     "every pass that reads the row again"),
      llvm::cl::init(true)};
  Option<int64_t> prefetchStreamBytes{
      *this, "prefetch-stream-bytes",
      llvm::cl::desc("How far ahead (bytes) compute-bound loops prefetch the "
                     "large inputs they stream (nn-prefetch-streams); 0: "
                     "none"),
      llvm::cl::init(2048)};
  Option<int64_t> prefetchStridedRowsAhead{
      *this, "prefetch-strided-rows-ahead",
      llvm::cl::desc("Rows ahead that matmul kernels reading B in place "
                     "prefetch its strided rows (nn-prefetch-streams); 0: "
                     "none"),
      llvm::cl::init(8)};
  Option<bool> prefetchAccumulators{
      *this, "prefetch-accumulators",
      llvm::cl::desc("Matmul register tiles prefetch the next tile's "
                     "accumulators before they start (nn-prefetch-streams)"),
      llvm::cl::init(true)};
  Option<int64_t> streamStoresMinBytes{
      *this, "stream-stores-min-bytes",
      llvm::cl::desc("Outputs of at least this many bytes are stored with "
                     "non-temporal stores (nn-stream-stores, on x86 hosts); 0: "
                     "none"),
      llvm::cl::init(4194304)};
  Option<int64_t> pipelineRowStores{
      *this, "pipeline-row-stores",
      llvm::cl::desc("Rows a thread takes in order, storing each row group's "
                     "streamed output while the next row computes "
                     "(nn-pipeline-row-stores); 0: none"),
      llvm::cl::init(16)};
  Option<int64_t> rolledLoopMinBytes{
      *this, "rolled-loop-min-bytes",
      llvm::cl::desc("Innermost loops reading at least this many bytes per "
                     "iteration are not unrolled by LLVM "
                     "(nn-keep-wide-loops-rolled); 0: any may be"),
      llvm::cl::init(1024)};
  Option<bool> useWorkspace{
      *this, "use-workspace",
      llvm::cl::desc("Intermediate buffers of public functions live in a "
                     "workspace argument the caller provides (the JIT's "
                     "calling convention) instead of malloc"),
      llvm::cl::init(false)};
};

/// The matmul register tile [rows, cols] the options stand for: the codegen
/// target's, unless register-tile-rows / -cols are given.
std::pair<int64_t, int64_t>
getMatmulRegisterTile(const CodegenPipelineOptions &options);

void buildLowerToLinalgPipeline(OpPassManager &pm);
void buildTileAndVectorizePipeline(OpPassManager &pm,
                                   const CodegenPipelineOptions &options);
void buildBufferizePipeline(OpPassManager &pm,
                            const CodegenPipelineOptions &options);
void buildLowerToLLVMPipeline(OpPassManager &pm,
                              const CodegenPipelineOptions &options);

/// Registers the pipelines above with the global pass registry.
void registerPipelines();

} // namespace mlir::nn

#endif // NN_PIPELINES_PIPELINES_H
