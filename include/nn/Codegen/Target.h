//===- Target.h - the CPU the tile sizes are chosen for ---------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
// Code is always compiled for the host CPU (LLVM's TargetMachine); what the
// codegen target decides is the strategy's choice of tile sizes, chosen for
// a vector ISA level: how many f32 lanes a vector register holds and how
// many registers there are to keep a matmul's accumulators in. Named as
// the x86-64 micro-architecture levels (`-march=x86-64-v3`) and Arm's
// architecture, or `host` for the one this process runs on.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CODEGEN_TARGET_H
#define NN_CODEGEN_TARGET_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace mlir::nn {

/// A vector ISA level that tile sizes are chosen for.
enum class CodegenTarget {
  /// The level of the CPU this process runs on (resolved by
  /// resolveCodegenTarget).
  Host,
  /// AVX-512 (F, VL, BW, DQ): 32 registers of 16 f32.
  X86_64_V4,
  /// AVX2 and FMA: 16 registers of 8 f32.
  X86_64_V3,
  /// SSE2: 16 registers of 4 f32, no FMA.
  X86_64,
  /// AArch64 with Advanced SIMD (NEON): 32 registers of 4 f32.
  ArmV8A,
};

/// What the strategy reads of a codegen target.
struct CodegenTargetInfo {
  /// The name used by `codegen-target=` and `--codegen-target=`.
  llvm::StringRef name;
  /// f32 lanes of one vector register. A matmul's columns past one
  /// register come in whole registers (LLVM legalizes a 10- or 12-lane
  /// vector of AVX2 into element inserts and spills).
  int64_t vectorLanes;
  /// The matmul register tile: rows of A times columns of B whose
  /// accumulators, plus one B row and one broadcast A element, fit in the
  /// vector registers with enough independent FMA chains to hide the FMA
  /// latency.
  int64_t matmulTileRows;
  int64_t matmulTileCols;
};

/// The target's name, as options spell it.
llvm::StringRef stringifyCodegenTarget(CodegenTarget target);
/// The target a name spells, or nullopt.
std::optional<CodegenTarget> parseCodegenTarget(llvm::StringRef name);

/// The level a CPU with these LLVM features (`llvm::sys::getHostCPUFeatures`
/// names: "avx512f", "avx2", "fma", "neon", ...) on this architecture
/// (`llvm::Triple::ArchType` as its name: "x86_64", "aarch64") runs best.
CodegenTarget selectCodegenTarget(llvm::StringRef arch,
                                  const llvm::StringMap<bool> &features);

/// `target`, or the host's level for CodegenTarget::Host.
CodegenTarget resolveCodegenTarget(CodegenTarget target);

/// The strategy's parameters of a (resolved) target.
CodegenTargetInfo getCodegenTargetInfo(CodegenTarget target);

} // namespace mlir::nn

#endif // NN_CODEGEN_TARGET_H
