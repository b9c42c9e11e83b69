//===- Compiler.cpp - MLIR module to object file --------------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "Compiler.h"
#include "ObjectPack.h"

#include "nn/JIT/BuildId.h"
#include "nn/Dialect/NN/IR/NNAttrs.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <thread>

#include <mutex>

using namespace mlir;
using namespace ::nn::jit;
using namespace ::nn::jit::internal;

const HostTarget &internal::getHostTarget() {
  static const HostTarget target = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    HostTarget t;
    t.triple = llvm::sys::getProcessTriple();
    t.cpu = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures features;
    for (const auto &[name, enabled] : llvm::sys::getHostCPUFeatures())
      features.AddFeature(name, enabled);
    t.features = features.getString();
    return t;
  }();
  return target;
}

std::string internal::packedEntryName(llvm::StringRef function) {
  return ("_nn_packed_" + function).str();
}

OwningOpRef<ModuleOp> internal::extractCompileUnit(ModuleOp module,
                                                 llvm::StringRef entry) {
  SymbolTable symbols(module);
  llvm::SetVector<Operation *> functions;
  functions.insert(symbols.lookup(entry));
  for (size_t i = 0; i < functions.size(); ++i) {
    functions[i]->walk([&](Operation *op) {
      for (NamedAttribute attr : op->getAttrs())
        attr.getValue().walk([&](SymbolRefAttr ref) {
          if (Operation *callee = symbols.lookup(ref.getRootReference()))
            functions.insert(callee);
        });
    });
  }
  OpBuilder builder(module.getContext());
  OwningOpRef<ModuleOp> unit = ModuleOp::create(module.getLoc());
  builder.setInsertionPointToEnd(unit->getBody());
  // Keep the module's order so equal units print (and hash) identically.
  for (Operation &op : module.getBody()->getOperations()) {
    if (!functions.contains(&op))
      continue;
    Operation *copy = builder.clone(op);
    if (auto func = dyn_cast<func::FuncOp>(copy))
      if (func.getSymName() != entry && !func.isExternal())
        func.setPrivate();
  }
  return unit;
}

std::string internal::computeCacheKey(ModuleOp unit, llvm::StringRef pipeline,
                                      unsigned optLevel) {
  return computeCacheKey(unit, pipeline, optLevel, kBuildId);
}

std::string internal::computeCacheKey(ModuleOp unit, llvm::StringRef pipeline,
                                      unsigned optLevel,
                                      llvm::StringRef buildId) {
  std::string ir;
  llvm::raw_string_ostream os(ir);
  OpPrintingFlags flags;
  flags.printGenericOpForm().enableDebugInfo(false);
  unit->print(os, flags);

  const HostTarget &target = getHostTarget();
  llvm::SHA256 hash;
  auto add = [&](llvm::StringRef part) {
    hash.update(part);
    hash.update(llvm::StringRef("\0", 1));
  };
  add(ir);
  add(pipeline);
  add(std::to_string(optLevel));
  add(target.triple);
  add(target.cpu);
  add(target.features);
  add(buildId);
  add(LLVM_VERSION_STRING);
  return llvm::toHex(hash.final(), /*LowerCase=*/true);
}

/// Adds `void _nn_packed_<entry>(void **args)` calling the C interface of
/// `entry` with args[i] as its i-th (memref descriptor pointer) argument.
/// `buffers` is what the runtime passes: the arguments and the results that
/// are not donated (then the workspace, if the code takes one).
static llvm::Error addPackedEntry(llvm::Module &module, llvm::StringRef entry,
                                  unsigned buffers) {
  llvm::Function *ciface =
      module.getFunction(("_mlir_ciface_" + entry).str());
  if (!ciface)
    return llvm::createStringError("no C interface was generated for '" +
                                   entry + "'");
  if (module.getNamedGlobal(("_nn_workspace_size_" + entry).str()))
    ++buffers;
  if (ciface->arg_size() != buffers)
    return llvm::createStringError(
        llvm::formatv("'{0}' takes {1} buffers after lowering, but the runtime "
                      "passes {2} (its arguments, its results that are not "
                      "donated, its workspace); a pipeline must drop donated "
                      "results (nn-drop-donated-results, in nn-bufferize)",
                      entry, ciface->arg_size(), buffers)
            .str());
  llvm::LLVMContext &ctx = module.getContext();
  auto *ptr = llvm::PointerType::getUnqual(ctx);
  for (llvm::Argument &arg : ciface->args())
    if (!arg.getType()->isPointerTy())
      return llvm::createStringError(
          "function '" + entry + "' has a non-buffer argument after lowering");
  auto *type =
      llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptr}, false);
  auto *packed = llvm::Function::Create(type, llvm::Function::ExternalLinkage,
                                        packedEntryName(entry), module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", packed));
  llvm::SmallVector<llvm::Value *> args;
  for (unsigned i = 0, e = ciface->arg_size(); i < e; ++i) {
    llvm::Value *slot = b.CreateConstGEP1_64(ptr, packed->getArg(0), i);
    args.push_back(b.CreateLoad(ptr, slot));
  }
  b.CreateCall(ciface, args);
  b.CreateRetVoid();
  return llvm::Error::success();
}

llvm::Error internal::runPipeline(ModuleOp unit, llvm::StringRef pipeline,
                                 llvm::StringRef what, DiagnosticLog &log) {
  std::string parseErrors;
  llvm::raw_string_ostream parseOs(parseErrors);
  FailureOr<OpPassManager> parsed = parsePassPipeline(pipeline, parseOs);
  if (failed(parsed))
    return llvm::createStringError("invalid pipeline '" + pipeline +
                                   "': " + parseErrors);
  if (parsed->getOpAnchorName() != ModuleOp::getOperationName())
    return llvm::createStringError("the pipeline must be anchored on "
                                   "builtin.module: '" +
                                   pipeline + "'");
  PassManager pm(unit.getContext(), ModuleOp::getOperationName());
  static_cast<OpPassManager &>(pm) = std::move(*parsed);
  (void)applyPassManagerCLOptions(pm);
  (void)applyDefaultTimingPassManagerCLOptions(pm);
  // nn-opt and the tests verify after every pass; the JIT verifies what the
  // pipeline produced, once (what it was given was verified when parsed).
  // After each of the ~60 passes it took 15-20% of a cold compile (MLP512 on
  // Zen 4: 226-254 ms instead of 276-326).
#ifdef NDEBUG
  pm.enableVerifier(false);
#endif
  auto failure = [&](const llvm::Twine &message) {
    std::string errors = std::move(log.errors);
    log.errors.clear();
    return llvm::createStringError((what + message + errors).str());
  };
  if (failed(pm.run(unit)))
    return failure(" failed:\n");
  if (failed(verify(unit)))
    return failure(" produced invalid IR:\n");
  return llvm::Error::success();
}

static llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(unsigned optLevel) {
  getHostTarget(); // Registers the native target.
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->setCodeGenOptLevel(optLevel == 0   ? llvm::CodeGenOptLevel::None
                              : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                              : optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                              : llvm::CodeGenOptLevel::Aggressive);
  return builder->createTargetMachine();
}

/// Drops the argument and result attributes of other dialects (nn.name,
/// nn.workspace, bufferize.result, ...) from the lowered functions: they
/// describe the signature for the runtime, which has read them, and mean
/// nothing to LLVM (the translation would warn about each).
static void dropNonLLVMSignatureAttributes(ModuleOp unit) {
  auto isLLVM = [](NamedAttribute attribute) {
    return attribute.getName().getValue().starts_with("llvm.");
  };
  unit.walk([&](LLVM::LLVMFuncOp op) {
    auto func = cast<FunctionOpInterface>(op.getOperation());
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      func.setArgAttrs(i, llvm::filter_to_vector(func.getArgAttrs(i), isLLVM));
    for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
      func.setResultAttrs(
          i, llvm::filter_to_vector(func.getResultAttrs(i), isLLVM));
  });
}

/// Runs LLVM's default pipeline at `optLevel` on `module`.
static llvm::Error optimize(llvm::Module &module, unsigned optLevel,
                            llvm::TargetMachine &machine) {
  return makeOptimizingTransformer(optLevel, 0, &machine)(&module);
}

/// Translates the lowered `unit` to LLVM IR (not optimized) with a packed
/// entry point for each of `entries`.
static llvm::Expected<std::unique_ptr<llvm::Module>>
translateToLLVMIR(ModuleOp unit, llvm::StringRef entry,
                  llvm::ArrayRef<std::pair<std::string, unsigned>> entries,
                  llvm::TargetMachine &machine, llvm::LLVMContext &context) {
  dropNonLLVMSignatureAttributes(unit);
  std::unique_ptr<llvm::Module> module =
      translateModuleToLLVMIR(unit, context, "nn_unit");
  if (!module)
    return llvm::createStringError("translating '" + entry +
                                   "' to LLVM IR failed");
  module->setTargetTriple(llvm::Triple(getHostTarget().triple));
  module->setDataLayout(machine.createDataLayout());
  for (const auto &[name, buffers] : entries)
    if (llvm::Error error = addPackedEntry(*module, name, buffers))
      return std::move(error);
  return module;
}

/// Every public function of `unit` is an entry point (private ones are its
/// callees), called with a buffer per argument and per result that is not
/// donated (nn.donated_from), as the signature read before lowering says.
static llvm::SmallVector<std::pair<std::string, unsigned>>
entryPoints(ModuleOp unit) {
  llvm::SmallVector<std::pair<std::string, unsigned>> entries;
  for (auto func : unit.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal()) {
      unsigned buffers = func.getNumArguments();
      for (unsigned r = 0, e = func.getNumResults(); r < e; ++r)
        if (!func.getResultAttr(r, mlir::nn::kDonatedFromAttrName))
          ++buffers;
      entries.push_back({func.getSymName().str(), buffers});
    }
  return entries;
}

namespace {
/// A unit as LLVM IR, with the machine that optimizes and compiles it.
struct LLVMUnit {
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::TargetMachine> machine;
  std::unique_ptr<llvm::Module> module;
};
} // namespace

/// Translates `unit`, lowered to the LLVM dialect, with the entry points
/// `entries`, to LLVM IR (not optimized), with a machine for `optLevel`.
static llvm::Expected<LLVMUnit>
translate(ModuleOp unit, llvm::StringRef entry,
          llvm::ArrayRef<std::pair<std::string, unsigned>> entries,
          unsigned optLevel) {
  LLVMUnit result;
  auto machine = createTargetMachine(optLevel);
  if (!machine)
    return machine.takeError();
  result.machine = std::move(*machine);
  result.context = std::make_unique<llvm::LLVMContext>();
  auto module = translateToLLVMIR(unit, entry, entries, *result.machine,
                                  *result.context);
  if (!module)
    return module.takeError();
  result.module = std::move(*module);
  return result;
}

llvm::Error internal::emit(ModuleOp unit, llvm::StringRef entry,
                           llvm::StringRef pipeline, unsigned optLevel,
                           EmitStage stage, llvm::raw_ostream &os,
                           DiagnosticLog &log) {
  if (stage == EmitStage::MLIR) {
    unit->print(os);
    return llvm::Error::success();
  }
  auto entries = entryPoints(unit);
  if (llvm::Error error =
          runPipeline(unit, pipeline, ("lowering '" + entry + "'").str(), log))
    return error;
  if (stage == EmitStage::LLVMDialect) {
    unit->print(os);
    return llvm::Error::success();
  }
  auto lowered = translate(unit, entry, entries, optLevel);
  if (!lowered)
    return lowered.takeError();
  llvm::Module &module = *lowered->module;
  if (llvm::Error error = optimize(module, optLevel, *lowered->machine))
    return error;
  if (stage == EmitStage::LLVMIR) {
    module.print(os, nullptr);
    return llvm::Error::success();
  }
  if (stage == EmitStage::Object) {
    llvm::orc::SimpleCompiler compiler(*lowered->machine);
    auto object = compiler(module);
    if (!object)
      return object.takeError();
    os << (*object)->getBuffer();
    return llvm::Error::success();
  }
  llvm::SmallVector<char, 0> assembly;
  llvm::raw_svector_ostream assemblyOs(assembly);
  llvm::legacy::PassManager codegen;
  if (lowered->machine->addPassesToEmitFile(codegen, assemblyOs, nullptr,
                                            llvm::CodeGenFileType::AssemblyFile))
    return llvm::createStringError("the target cannot emit assembly");
  codegen.run(module);
  os << llvm::StringRef(assembly.data(), assembly.size());
  return llvm::Error::success();
}

/// Below this many instructions a unit is compiled on one thread: a part's
/// bitcode round trip and thread would cost more than they save.
static constexpr size_t kSplitInstructions = 4000;

/// Splits `module` into `parts` modules whose function definitions (the
/// largest first, each to the lightest part) have about equal instruction
/// counts, as bitcode: each can then be compiled in an LLVMContext of its
/// own, on its own thread. Local symbols become external so the parts
/// reference each other; they get default visibility, so references
/// between objects go through the GOT and need no placement within 2 GiB.
static llvm::SmallVector<llvm::SmallVector<char, 0>>
splitIntoBitcode(llvm::Module &module, unsigned parts) {
  unsigned anonymous = 0;
  for (llvm::GlobalValue &value : module.global_values()) {
    if (value.isDeclaration())
      continue;
    if (!value.hasName())
      value.setName("__nn_part_anonymous_" + llvm::Twine(anonymous++));
    if (value.hasLocalLinkage()) {
      value.setLinkage(llvm::GlobalValue::ExternalLinkage);
      value.setVisibility(llvm::GlobalValue::DefaultVisibility);
    }
    value.setDSOLocal(false);
  }
  // (size, position in the module, function): the position breaks ties,
  // so the split is the same on every run.
  llvm::SmallVector<std::tuple<size_t, size_t, const llvm::Function *>>
      functions;
  for (const llvm::Function &function : module)
    if (!function.isDeclaration())
      functions.push_back(
          {function.getInstructionCount(), functions.size(), &function});
  llvm::sort(functions, [](const auto &a, const auto &b) {
    return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b)
                                            : std::get<1>(a) < std::get<1>(b);
  });
  llvm::DenseMap<const llvm::GlobalValue *, unsigned> partOf;
  llvm::SmallVector<size_t> load(parts, 0);
  for (auto [size, position, function] : functions) {
    unsigned lightest = llvm::min_element(load) - load.begin();
    partOf[function] = lightest;
    load[lightest] += size;
  }
  llvm::SmallVector<llvm::SmallVector<char, 0>> bitcode(parts);
  for (unsigned part = 0; part < parts; ++part) {
    llvm::ValueToValueMapTy map;
    // Functions where assigned; global variables in part 0.
    std::unique_ptr<llvm::Module> clone = llvm::CloneModule(
        module, map, [&](const llvm::GlobalValue *value) {
          auto it = partOf.find(value);
          return it != partOf.end() ? it->second == part : part == 0;
        });
    llvm::raw_svector_ostream os(bitcode[part]);
    llvm::WriteBitcodeToFile(*clone, os);
  }
  return bitcode;
}

/// Threads a large unit's optimization and codegen use:
/// $NN_JIT_COMPILE_THREADS (1 to 8),
/// else 2 where the machine has 2 cores or more. Two parts split the work
/// about evenly; more rarely pay for their bitcode round trips.
static unsigned compileThreads() {
  static const unsigned threads = [] {
    unsigned value = 0;
    if (const char *env = std::getenv("NN_JIT_COMPILE_THREADS");
        env && !llvm::StringRef(env).getAsInteger(10, value) && value >= 1 &&
        value <= 8)
      return value;
    return std::min(2u, std::max(1u, std::thread::hardware_concurrency()));
  }();
  return threads;
}

/// Optimizes and compiles `module`, translated but not optimized, to
/// relocatable objects: one, or for a large unit on a machine with several
/// cores, one per part optimized and compiled in parallel. LLVM's pipeline
/// then runs on each part alone: the functions of a unit call each other
/// only through its entry wrappers and OpenMP's fork calls, which no
/// interprocedural pass sees through.
static llvm::Expected<std::vector<std::string>>
compileModule(llvm::Module &module, unsigned optLevel,
              llvm::TargetMachine &machine) {
  size_t instructions = module.getInstructionCount();
  unsigned parts = compileThreads();
  size_t definitions = llvm::count_if(
      module, [](const llvm::Function &f) { return !f.isDeclaration(); });
  if (parts < 2 || definitions < 2 || instructions < kSplitInstructions) {
    if (llvm::Error error = optimize(module, optLevel, machine))
      return std::move(error);
    llvm::orc::SimpleCompiler compiler(machine);
    auto object = compiler(module);
    if (!object)
      return object.takeError();
    return std::vector<std::string>{(*object)->getBuffer().str()};
  }
  llvm::SmallVector<llvm::SmallVector<char, 0>> bitcode =
      splitIntoBitcode(module, parts);
  std::vector<std::string> objects(parts);
  std::vector<llvm::Error> errors;
  for (unsigned i = 0; i < parts; ++i)
    errors.push_back(llvm::Error::success());
  auto compilePart = [&](unsigned part) {
    llvm::LLVMContext context;
    auto parsed = llvm::parseBitcodeFile(
        llvm::MemoryBufferRef(
            llvm::StringRef(bitcode[part].data(), bitcode[part].size()),
            "nn_unit_part"),
        context);
    if (!parsed) {
      errors[part] = parsed.takeError();
      return;
    }
    auto partMachine = createTargetMachine(optLevel);
    if (!partMachine) {
      errors[part] = partMachine.takeError();
      return;
    }
    if (llvm::Error error = optimize(**parsed, optLevel, **partMachine)) {
      errors[part] = std::move(error);
      return;
    }
    llvm::orc::SimpleCompiler compiler(**partMachine);
    auto object = compiler(**parsed);
    if (!object) {
      errors[part] = object.takeError();
      return;
    }
    objects[part] = (*object)->getBuffer().str();
  };
  std::vector<std::thread> threads;
  for (unsigned part = 1; part < parts; ++part)
    threads.emplace_back(compilePart, part);
  compilePart(0);
  for (std::thread &thread : threads)
    thread.join();
  llvm::Error all = llvm::Error::success();
  for (llvm::Error &error : errors)
    all = llvm::joinErrors(std::move(all), std::move(error));
  if (all)
    return std::move(all);
  return objects;
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
internal::compileToObject(ModuleOp unit, llvm::StringRef entry,
                          llvm::StringRef pipeline, unsigned optLevel,
                          DiagnosticLog &log) {
  auto entries = entryPoints(unit);
  if (llvm::Error error =
          runPipeline(unit, pipeline, ("lowering '" + entry + "'").str(), log))
    return error;
  auto lowered = translate(unit, entry, entries, optLevel);
  if (!lowered)
    return lowered.takeError();
  auto objects = compileModule(*lowered->module, optLevel, *lowered->machine);
  if (!objects)
    return objects.takeError();
  return llvm::MemoryBuffer::getMemBufferCopy(packObjects(*objects),
                                              "nn_unit.pack");
}
