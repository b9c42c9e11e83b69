//===- Pipelines.cpp - the registered lowering pipelines ------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Pipelines/Pipelines.h"

#include "nn/Codegen/Passes.h"
#include "nn/Conversion/Passes.h"
#include "nn/Dialect/NN/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
void addCleanup(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}
} // namespace

std::pair<int64_t, int64_t>
mlir::nn::getMatmulRegisterTile(const CodegenPipelineOptions &options) {
  CodegenTargetInfo target = getCodegenTargetInfo(options.codegenTarget);
  return {options.registerTileRows.hasValue() ? options.registerTileRows
                                              : target.matmulTileRows,
          options.registerTileCols.hasValue() ? options.registerTileCols
                                              : target.matmulTileCols};
}

void mlir::nn::buildLowerToLinalgPipeline(OpPassManager &pm) {
  // Key reuse is reported before CSE could merge the identical draws.
  pm.addPass(createNNCheckKeyReusePass());
  // Masks reach every op that consumes them before anything is lowered.
  pm.addPass(createNNPropagateMasksPass());
  pm.addPass(createConvertNNToLinalgPass());
  // Elementwise arith / math ops on tensors written beside nn ops.
  pm.addPass(createConvertElementwiseToLinalgPass());
  addCleanup(pm);
  // Before fusion, which would merge a gradient's elementwise factors into
  // the product's body.
  pm.addNestedPass<func::FuncOp>(createNNSpecializeContractionsPass());
  pm.addPass(createLinalgElementwiseOpFusionPass());
  addCleanup(pm);
}

void mlir::nn::buildTileAndVectorizePipeline(
    OpPassManager &pm, const CodegenPipelineOptions &options) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  // Before any pass that picks destinations (epilogues, tiling): a donated
  // parameter is its update's destination.
  funcPm.addPass(createNNWriteDonatedInPlacePass());
  auto [tileRows, tileCols] = getMatmulRegisterTile(options);
  NNSplitRaggedMatmulsPassOptions split;
  split.registerTileRows = tileRows;
  split.registerTileCols = tileCols;
  int64_t targetLanes = getCodegenTargetInfo(options.codegenTarget).vectorLanes;
  split.vectorLanes = targetLanes;
  funcPm.addPass(createNNSplitRaggedMatmulsPass(split));
  funcPm.addPass(createNNEpilogueInPlacePass());
  NNSplitReductionStreamsPassOptions streams;
  streams.streams = options.reductionStreams;
  funcPm.addPass(createNNSplitReductionStreamsPass(streams));
  NNSelectLoweringStrategyPassOptions strategy;
  strategy.registerTileRows = tileRows;
  strategy.registerTileCols = tileCols;
  strategy.vectorWidth = options.vectorWidth;
  strategy.l2CacheBytes = options.l2CacheBytes;
  strategy.copiedACacheTileCols = options.copiedACacheTileCols;
  strategy.fuseIntoReductionChunks = options.fuseIntoReductionChunks;
  strategy.targetVectorLanes = targetLanes;
  funcPm.addPass(createNNSelectLoweringStrategyPass(strategy));
  funcPm.addPass(createNNTileAndFusePass());
  funcPm.addPass(createCanonicalizerPass());
  // Tiles of one row become lower-rank ops, so the vectors stay 1-D / 2-D.
  funcPm.addPass(createNNFoldUnitDimsPass());
  funcPm.addPass(createCanonicalizerPass());
  funcPm.addPass(createCSEPass());
  NNVectorizePassOptions vectorize;
  vectorize.maxVectorElements = options.maxVectorElements;
  funcPm.addPass(createNNVectorizePass(vectorize));
  funcPm.addPass(createCanonicalizerPass());
  funcPm.addPass(createCSEPass());
}

void mlir::nn::buildBufferizePipeline(OpPassManager &pm,
                                      const CodegenPipelineOptions &options) {
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  pm.addPass(bufferization::createEmptyTensorToAllocTensorPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Folds loop-carried buffers, so a returned buffer is its allocation.
  pm.addPass(createCanonicalizerPass());
  // Donated results are their arguments' buffers: no out-parameter.
  pm.addPass(createNNDropDonatedResultsPass());
  // The caller owns every buffer: results become out-parameters, each of
  // its own (upstream's pass mishandles a buffer returned twice).
  pm.addNestedPass<func::FuncOp>(createNNDistinctReturnedBuffersPass());
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  outParams.addResultAttribute = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  addCleanup(pm);
  if (options.useWorkspace)
    pm.addPass(createNNAllocateWorkspacePass());
  bufferization::buildBufferDeallocationPipeline(pm);
}

void mlir::nn::buildLowerToLLVMPipeline(OpPassManager &pm,
                                        const CodegenPipelineOptions &options) {
  buildLowerToLinalgPipeline(pm);
  buildTileAndVectorizePipeline(pm, options);
  buildBufferizePipeline(pm, options);

  // Loops and vectors.
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  // Cache tiles are shared by threads: scf.forall -> scf.parallel -> OpenMP
  // (below); the thread count is the runtime's (omp_set_num_threads).
  funcPm.addPass(createForallToParallelLoopPass());
  funcPm.addPass(createNNCollapseParallelRowsPass());
  if (options.prefetchRowsAhead > 0) {
    NNPrefetchRowsPassOptions prefetch;
    prefetch.rowsAhead = options.prefetchRowsAhead;
    prefetch.shareAmongPasses = options.prefetchRowsShared;
    funcPm.addPass(createNNPrefetchRowsPass(prefetch));
  }
  if (options.prefetchStreamBytes > 0 || options.prefetchStridedRowsAhead > 0 ||
      options.prefetchAccumulators) {
    NNPrefetchStreamsPassOptions prefetch;
    prefetch.distanceBytes = options.prefetchStreamBytes;
    prefetch.stridedRowsAhead = options.prefetchStridedRowsAhead;
    prefetch.nextAccumulators = options.prefetchAccumulators;
    funcPm.addPass(createNNPrefetchStreamsPass(prefetch));
  }
  // Its store fence is x86's sfence, and the code is compiled for this host.
  if (options.streamStoresMinBytes > 0 &&
      llvm::Triple(llvm::sys::getProcessTriple()).isX86()) {
    if (options.pipelineRowStores > 1) {
      NNPipelineRowStoresPassOptions rowStores;
      rowStores.minBytes = options.streamStoresMinBytes;
      rowStores.rowsPerBlock = options.pipelineRowStores;
      funcPm.addPass(createNNPipelineRowStoresPass(rowStores));
    }
    NNStreamStoresPassOptions streamStores;
    streamStores.minBytes = options.streamStoresMinBytes;
    funcPm.addPass(createNNStreamStoresPass(streamStores));
  }
  // The table's vpermd is an AVX-512 instruction, and the code is compiled
  // for this host, whatever the codegen target (its tiles): the host alone
  // decides, so that every target gives the same bits.
  NNLowerVectorsPassOptions lowerVectors;
  lowerVectors.expTableAvx512 =
      options.expTable &&
      resolveCodegenTarget(CodegenTarget::Host) == CodegenTarget::X86_64_V4;
  funcPm.addPass(createNNLowerVectorsPass(lowerVectors));
  funcPm.addPass(createNNLowerStridedCopiesPass());
  funcPm.addPass(createConvertLinalgToLoopsPass());
  VectorTransferToSCFOptions vectorToSCF;
  vectorToSCF.enableFullUnroll();
  funcPm.addPass(createConvertVectorToSCFPass(vectorToSCF));
  funcPm.addPass(createNNLowerVectorsPass(lowerVectors));
  addCleanup(funcPm);
  if (options.rolledLoopMinBytes > 0) {
    NNKeepWideLoopsRolledPassOptions rolled;
    rolled.minBytes = options.rolledLoopMinBytes;
    funcPm.addPass(createNNKeepWideLoopsRolledPass(rolled));
  }

  // Everything to the LLVM dialect.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertSCFToOpenMPPass());
  // The OpenMP bodies come wrapped in memref.alloca_scope (freeing a
  // thread's stack buffers after each iteration); canonicalization inlines
  // the scopes without allocas, and the memref lowering lowers the others
  // (into blocks, which the omp loop body allows) before scf-to-cf needs
  // their regions to be single blocks.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addNestedPass<func::FuncOp>(LLVM::createLLVMRequestCWrappersPass());
  // Whatever has no polynomial form calls libm (scalarized) before vectors
  // reach LLVM.
  pm.addPass(createConvertMathToLibmPass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  addCleanup(pm);
}

void mlir::nn::registerPipelines() {
  PassPipelineRegistration<>(
      "nn-lower-to-linalg",
      "Lower nn ops to linalg on tensors and fuse elementwise ops",
      buildLowerToLinalgPipeline);
  PassPipelineRegistration<CodegenPipelineOptions>(
      "nn-tile-and-vectorize",
      "Choose tile sizes, tile and fuse linalg ops, vectorize the tiles",
      buildTileAndVectorizePipeline);
  PassPipelineRegistration<CodegenPipelineOptions>(
      "nn-bufferize",
      "One-shot bufferization with results as caller-owned out-parameters",
      buildBufferizePipeline);
  PassPipelineRegistration<CodegenPipelineOptions>(
      "nn-lower-to-llvm",
      "Lower an nn module all the way to the LLVM dialect (all stages)",
      buildLowerToLLVMPipeline);
}
