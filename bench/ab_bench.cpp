//===- ab_bench.cpp - two pipelines on one function, calls alternated -----===//
//
// Part of the nn-mlir project.
//
// Compiles one function of an MLIR file with two pipelines (A and B) in two
// sessions and times their calls alternately, A B B A A B ..., on the same
// random inputs (floats uniform in [-1, 1), i1 4 in 5 true), so that the
// load of a shared, noisy machine falls on both sides alike. Prints min and
// median per side and B / A. Checks first that both give the same bytes (a
// B that changes results is reported, and the tool exits 1), or with
// --results-may-differ (a change of reduction order) that f32 results agree
// to within 1e-5 relative to the largest magnitude. The pipelines
// must differ as text: the process-wide compile cache gives equal ones the
// same code. For deciding a codegen change; results: docs/PERFORMANCE.md.
//
//   nn-bench-ab FILE --function=NAME --pipeline-a=P --pipeline-b=Q
//               [--call-threads=N] [--rounds=R] [--results-may-differ]
//
//===----------------------------------------------------------------------===//

#include "BenchSupport.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
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
static cl::opt<bool> resultsMayDiffer(
    "results-may-differ",
    cl::desc("Accept f32 results that differ by rounding (relative 1e-5 of "
             "the largest magnitude) instead of requiring the same bytes"));

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

/// Calls `side`'s function on `buffers` and returns the seconds it took.
double callOnce(Side &side, Buffers &buffers) {
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error error =
          side.function->call(buffers.arguments, buffers.results, threads))
    llvm::report_fatal_error(std::move(error));
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

/// Whether two f32 tensors differ by at most 1e-5 of the largest magnitude
/// in `a` at every element.
bool roundingApart(const HostTensor &a, const HostTensor &b) {
  if (a.getType().dtype != DType::F32)
    return false;
  const float *x = a.dataAs<float>(), *y = b.dataAs<float>();
  int64_t count = a.getType().numElements();
  float largest = 0.0f;
  for (int64_t i = 0; i < count; ++i)
    largest = std::max(largest, std::fabs(x[i]));
  for (int64_t i = 0; i < count; ++i)
    if (!(std::fabs(x[i] - y[i]) <= 1e-5f * largest))
      return false;
  return true;
}

/// Uniform [-1, 1) floats, i1 4 in 5 true, other types random bytes.
void fillInput(HostTensor &tensor, std::mt19937 &rng) {
  switch (tensor.getType().dtype) {
  case DType::F32:
    fillUniform(tensor, rng, -1.0f, 1.0f);
    return;
  case DType::Bool:
    fillMask(tensor, rng);
    return;
  default:
    for (size_t i = 0; i < tensor.sizeInBytes(); ++i)
      tensor.dataAs<uint8_t>()[i] = static_cast<uint8_t>(rng());
  }
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "nn-bench-ab\n");
  if (rounds == 0) {
    llvm::errs() << "nn-bench-ab: --rounds must be at least 1\n";
    return 2;
  }
  auto buffer = llvm::MemoryBuffer::getFile(inputFile);
  if (!buffer) {
    llvm::errs() << "nn-bench-ab: cannot read '" << inputFile << "'\n";
    return 2;
  }
  // One process-wide compile cache: the same pipeline is the same code.
  if (pipelineA == pipelineB)
    llvm::errs() << "nn-bench-ab: A and B are the same pipeline, hence the "
                    "same code: an A/A run, which measures the noise\n";
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
    fillInput(a, rng);
    std::memcpy(sides[1].buffers->tensors[i].data(), a.data(),
                a.sizeInBytes());
  }
  callOnce(sides[0], *sides[0].buffers);
  callOnce(sides[1], *sides[1].buffers);
  size_t arguments = sides[0].buffers->arguments.size();
  for (size_t i = arguments; i < sides[0].buffers->tensors.size(); ++i) {
    HostTensor &a = sides[0].buffers->tensors[i];
    HostTensor &b = sides[1].buffers->tensors[i];
    if (std::memcmp(a.data(), b.data(), a.sizeInBytes()) == 0)
      continue;
    if (resultsMayDiffer && roundingApart(a, b)) {
      llvm::outs() << "result " << i - arguments
                   << " differs between A and B by rounding\n";
      continue;
    }
    llvm::errs() << "nn-bench-ab: result " << i - arguments
                 << " differs between A and B\n";
    return 1;
  }
  // A B, B A, A B, ...: the side called second in a pair runs a few percent
  // faster on its own (measured with A = B), so each side is second half
  // of the time. Both sides time their calls on the same buffers (A's):
  // with a set of buffers each, where they happened to lie in memory moved
  // an A = B run's B / A by 3-16% (softmax 4096^2, Zen 4).
  Buffers &shared = *sides[0].buffers;
  for (unsigned round = 0; round < rounds; ++round)
    for (int i = 0; i < 2; ++i) {
      Side &side = sides[(round + i) % 2];
      side.seconds.push_back(callOnce(side, shared));
    }
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
