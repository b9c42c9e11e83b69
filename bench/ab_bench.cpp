//===- ab_bench.cpp - two pipelines on one function, calls alternated -----===//
//
// Part of the nn-mlir project.
//
// Compiles one function of an MLIR file with two pipelines (A and B) in two
// sessions and times their calls alternately, A B A B ..., on the same
// random inputs, so that the load of a shared, noisy machine falls on both
// sides alike. Prints min and median per side and B / A. Checks first that
// both give the same bytes (a B that changes results is reported, and the
// tool exits 1). For deciding a codegen change; results: docs/PERFORMANCE.md.
//
//   nn-bench-ab FILE --function=NAME --pipeline-a=P --pipeline-b=Q
//               [--call-threads=N] [--rounds=R]
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <chrono>
#include <cstring>

using namespace nn::jit;
using namespace nn::bench;

namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::Required,
                                      cl::desc("<input.mlir>"));
static cl::opt<std::string> functionName("function", cl::Required,
                                         cl::desc("Function to time"));
static cl::opt<std::string> pipelineA("pipeline-a", cl::Required,
                                      cl::desc("Pipeline of side A"));
static cl::opt<std::string> pipelineB("pipeline-b", cl::Required,
                                      cl::desc("Pipeline of side B"));
static cl::opt<unsigned> threads("call-threads", cl::init(1),
                                 cl::desc("Threads of both sides"));
static cl::opt<unsigned> rounds("rounds", cl::init(20),
                                cl::desc("Calls per side"));

namespace {

struct Side {
  std::unique_ptr<Session> session;
  const CompiledFunction *function = nullptr;
  std::unique_ptr<Buffers> buffers;
  std::vector<double> seconds;
};

llvm::Error compile(llvm::StringRef source, const std::string &pipeline,
                    Side &side) {
  SessionOptions options;
  options.diskCache = false;
  options.threads = threads;
  options.pipeline = pipeline;
  auto session = Session::createFromString(source, options);
  if (!session)
    return session.takeError();
  side.session = std::move(*session);
  auto function = side.session->lookup(functionName);
  if (!function)
    return function.takeError();
  side.function = &*function;
  side.buffers = std::make_unique<Buffers>(side.function->getSignature());
  return llvm::Error::success();
}

double callOnce(Side &side) {
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error error = side.function->call(
          side.buffers->arguments, side.buffers->results, threads))
    llvm::report_fatal_error(std::move(error));
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "nn-bench-ab\n");
  auto buffer = llvm::MemoryBuffer::getFile(inputFile);
  if (!buffer) {
    llvm::errs() << "nn-bench-ab: cannot read '" << inputFile << "'\n";
    return 2;
  }
  Side sides[2];
  const std::string *pipelines[2] = {&pipelineA, &pipelineB};
  for (int i = 0; i < 2; ++i)
    if (llvm::Error error =
            compile((*buffer)->getBuffer(), *pipelines[i], sides[i])) {
      llvm::errs() << "nn-bench-ab: side " << "AB"[i] << ": "
                   << llvm::toString(std::move(error)) << "\n";
      return 2;
    }
  // The same inputs on both sides.
  std::mt19937 rng(0);
  for (size_t i = 0; i < sides[0].buffers->arguments.size(); ++i) {
    HostTensor &a = sides[0].buffers->tensors[i];
    fillUniform(a, rng, -1.0f, 1.0f);
    std::memcpy(sides[1].buffers->tensors[i].data(), a.data(),
                a.sizeInBytes());
  }
  callOnce(sides[0]);
  callOnce(sides[1]);
  size_t arguments = sides[0].buffers->arguments.size();
  for (size_t i = arguments; i < sides[0].buffers->tensors.size(); ++i) {
    HostTensor &a = sides[0].buffers->tensors[i];
    if (std::memcmp(a.data(), sides[1].buffers->tensors[i].data(),
                    a.sizeInBytes()) != 0) {
      llvm::errs() << "nn-bench-ab: result " << i - arguments
                   << " differs between A and B\n";
      return 1;
    }
  }
  for (unsigned round = 0; round < rounds; ++round)
    for (Side &side : sides)
      side.seconds.push_back(callOnce(side));
  double minA = *std::min_element(sides[0].seconds.begin(),
                                  sides[0].seconds.end());
  double minB = *std::min_element(sides[1].seconds.begin(),
                                  sides[1].seconds.end());
  double medA = median(sides[0].seconds), medB = median(sides[1].seconds);
  llvm::outs() << llvm::formatv(
      "A: min {0:f1} us median {1:f1} us\nB: min {2:f1} us median {3:f1} us\n"
      "B / A: min {4:f3} median {5:f3} (below 1: B faster)\n",
      minA * 1e6, medA * 1e6, minB * 1e6, medB * 1e6, minB / minA,
      medB / medA);
  return 0;
}
