//===- Target.cpp - the CPU the tile sizes are chosen for -----------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn/Codegen/Target.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
using namespace mlir::nn;

llvm::StringRef mlir::nn::stringifyCodegenTarget(CodegenTarget target) {
  switch (target) {
  case CodegenTarget::Host:
    return "host";
  case CodegenTarget::X86_64_V4:
    return "x86-64-v4";
  case CodegenTarget::X86_64_V3:
    return "x86-64-v3";
  case CodegenTarget::X86_64:
    return "x86-64";
  case CodegenTarget::ArmV8A:
    return "armv8-a";
  }
  llvm_unreachable("unknown codegen target");
}

std::optional<CodegenTarget>
mlir::nn::parseCodegenTarget(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<CodegenTarget>>(name)
      .Case("host", CodegenTarget::Host)
      .Case("x86-64-v4", CodegenTarget::X86_64_V4)
      .Case("x86-64-v3", CodegenTarget::X86_64_V3)
      .Case("x86-64", CodegenTarget::X86_64)
      .Case("armv8-a", CodegenTarget::ArmV8A)
      .Default(std::nullopt);
}

CodegenTarget
mlir::nn::selectCodegenTarget(llvm::StringRef arch,
                              const llvm::StringMap<bool> &features) {
  auto has = [&](llvm::StringRef feature) { return features.lookup(feature); };
  if (arch == "aarch64" || arch == "aarch64_be")
    return CodegenTarget::ArmV8A;
  if (has("avx512f"))
    return CodegenTarget::X86_64_V4;
  if (has("avx2") && has("fma"))
    return CodegenTarget::X86_64_V3;
  // Any other CPU: 128-bit vectors, which LLVM legalizes for any target.
  return CodegenTarget::X86_64;
}

CodegenTarget mlir::nn::resolveCodegenTarget(CodegenTarget target) {
  if (target != CodegenTarget::Host)
    return target;
  static const CodegenTarget host = [] {
    llvm::Triple triple(llvm::sys::getProcessTriple());
    llvm::StringMap<bool> features;
    for (const auto &[name, enabled] : llvm::sys::getHostCPUFeatures())
      features[name] = enabled;
    return selectCodegenTarget(llvm::Triple::getArchTypeName(triple.getArch()),
                               features);
  }();
  return host;
}

CodegenTargetInfo mlir::nn::getCodegenTargetInfo(CodegenTarget target) {
  switch (resolveCodegenTarget(target)) {
  case CodegenTarget::Host:
    break;
  case CodegenTarget::X86_64_V4:
    // 16 zmm accumulators, 2 B vectors; broadcasts come from memory.
    // Measured on Sapphire Rapids and Zen 4 (docs/PERFORMANCE.md).
    return {"x86-64-v4", 16, 8, 32};
  case CodegenTarget::X86_64_V3:
    // 12 ymm accumulators + 2 B vectors + 1 broadcast = 15 of 16: the
    // tile of BLIS's Haswell/Zen kernels. Measured on Zen 3: 52 GFLOP/s at
    // 512^3 on one core, against 27 for 8 x 32 (32 accumulators: spills)
    // and 39 for 4 x 16 (8 chains: FMA latency shows).
    return {"x86-64-v3", 8, 6, 16};
  case CodegenTarget::X86_64:
    // No FMA: a multiply's temporary besides 8 accumulators, 2 B vectors
    // and a broadcast. Not measured.
    return {"x86-64", 4, 4, 8};
  case CodegenTarget::ArmV8A:
    // 16 accumulators of 32 registers (fmla by element needs no broadcast
    // register). Not measured.
    return {"armv8-a", 4, 8, 8};
  }
  llvm_unreachable("host resolves to a concrete target");
}
