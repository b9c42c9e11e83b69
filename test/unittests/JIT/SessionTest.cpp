//===- SessionTest.cpp - the JIT session: calls, checks, cache, threads ---===//
//
// Part of the nn-mlir project.
//
// Expected values come from plain C++ loops over the same inputs (the
// definition of dense + relu), never from the compiled code.
//
//===----------------------------------------------------------------------===//

#include "nn/JIT/Session.h"

#include "llvm/Support/FormatVariadic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

using namespace nn::jit;

namespace {

constexpr int64_t kRows = 4, kIn = 8, kOut = 16;

/// relu(x . w + b) with named parameters; `tag` makes the IR (and so the
/// cache key) distinct per test where a fresh compile is wanted.
std::string denseModule(llvm::StringRef tag = "") {
  return llvm::formatv(R"mlir(
    func.func @dense{0}(%x: tensor<4x8xf32>, %w: tensor<8x16xf32> {{nn.name = "w"},
                        %b: tensor<16xf32> {{nn.name = "b"}) -> tensor<4x16xf32> {{
      %0 = nn.dense %x, %w, %b : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
      %1 = nn.relu %0 : tensor<4x16xf32>
      return %1 : tensor<4x16xf32>
    })mlir",
                       tag)
      .str();
}

/// relu(x [kRows, kIn] . w [kIn, outputs] + b) by plain loops.
std::vector<float> referenceDense(const std::vector<float> &x,
                                  const std::vector<float> &w,
                                  const std::vector<float> &b,
                                  int64_t outputs = kOut) {
  std::vector<float> out(kRows * outputs);
  for (int64_t i = 0; i < kRows; ++i)
    for (int64_t j = 0; j < outputs; ++j) {
      double sum = 0;
      for (int64_t k = 0; k < kIn; ++k)
        sum += double(x[i * kIn + k]) * w[k * outputs + j];
      out[i * outputs + j] = std::max(float(sum + b[j]), 0.0f);
    }
  return out;
}

struct Problem {
  std::vector<float> x, w, b, out;
  std::vector<int64_t> xShape{kRows, kIn}, wShape{kIn, kOut}, bShape{kOut},
      outShape{kRows, kOut};

  explicit Problem(int seed)
      : x(kRows * kIn), w(kIn * kOut), b(kOut), out(kRows * kOut, -1.0f) {
    for (size_t i = 0; i < x.size(); ++i)
      x[i] = std::sin(0.37f * i + seed);
    for (size_t i = 0; i < w.size(); ++i)
      w[i] = std::cos(0.11f * i - seed);
    for (size_t i = 0; i < b.size(); ++i)
      b[i] = 0.05f * (int(i) - 8 + seed % 3);
  }
  std::vector<BufferRef> args() {
    return {{x.data(), xShape, DType::F32},
            {w.data(), wShape, DType::F32},
            {b.data(), bShape, DType::F32}};
  }
  std::vector<BufferRef> results() { return {{out.data(), outShape, DType::F32}}; }
};

void expectClose(const std::vector<float> &got, const std::vector<float> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], 1e-5 * std::abs(want[i]) + 1e-6) << "at " << i;
}

/// Sessions of these tests never touch the disk cache (the compile counters
/// must see every compilation; the disk cache is tested through nn-jit).
std::unique_ptr<Session>
makeSession(llvm::StringRef source,
            mlir::nn::CodegenTarget target = mlir::nn::CodegenTarget::Host) {
  SessionOptions options;
  options.diskCache = false;
  options.codegenTarget = target;
  auto session = Session::createFromString(source, options);
  if (!session) {
    ADD_FAILURE() << llvm::toString(session.takeError());
    return nullptr;
  }
  return std::move(*session);
}

TEST(SessionTest, CallsMatchReference) {
  auto session = makeSession(denseModule("_reference"));
  ASSERT_TRUE(session);
  Problem p(1);
  llvm::Error error = session->call("dense_reference", p.args(), p.results());
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  expectClose(p.out, referenceDense(p.x, p.w, p.b));
}

TEST(SessionTest, SignatureHasNamesAndTypes) {
  auto session = makeSession(denseModule("_signature"));
  ASSERT_TRUE(session);
  auto signature = session->getSignature("dense_signature");
  ASSERT_TRUE(bool(signature));
  ASSERT_EQ(signature->arguments.size(), 3u);
  EXPECT_EQ(signature->arguments[0].name, "");
  EXPECT_EQ(signature->arguments[1].name, "w");
  EXPECT_EQ(signature->arguments[1].type.str(), "tensor<8x16xf32>");
  ASSERT_EQ(signature->results.size(), 1u);
  EXPECT_EQ(signature->results[0].type.str(), "tensor<4x16xf32>");
}

// The contract the masks and RNG issues rely on: new values, same code.
TEST(SessionTest, NewInputValuesNeverRecompile) {
  auto session = makeSession(denseModule("_values"));
  ASSERT_TRUE(session);
  uint64_t before = Session::getCacheStats().compiled;
  for (int seed = 0; seed < 10; ++seed) {
    Problem p(seed);
    llvm::Error error = session->call("dense_values", p.args(), p.results());
    ASSERT_FALSE(error) << llvm::toString(std::move(error));
    expectClose(p.out, referenceDense(p.x, p.w, p.b));
  }
  EXPECT_EQ(Session::getCacheStats().compiled, before + 1);
}

TEST(SessionTest, SameIRInAnotherSessionIsAMemoryHit) {
  std::string source = denseModule("_shared");
  auto first = makeSession(source);
  auto second = makeSession(source);
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(bool(first->lookup("dense_shared")));
  CacheStats before = Session::getCacheStats();
  ASSERT_TRUE(bool(second->lookup("dense_shared")));
  CacheStats after = Session::getCacheStats();
  EXPECT_EQ(after.compiled, before.compiled);
  EXPECT_EQ(after.memoryHits, before.memoryHits + 1);
}

TEST(SessionTest, DifferentIRIsAMiss) {
  auto a = makeSession(denseModule("_miss"));
  // Same function name and signature, different body (no relu).
  auto b = makeSession(R"mlir(
    func.func @dense_miss(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
      %0 = nn.dense %x, %w, %b : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
      return %0 : tensor<4x16xf32>
    })mlir");
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(bool(a->lookup("dense_miss")));
  uint64_t before = Session::getCacheStats().compiled;
  ASSERT_TRUE(bool(b->lookup("dense_miss")));
  EXPECT_EQ(Session::getCacheStats().compiled, before + 1);
}

TEST(SessionTest, ThreadsShareOneCompiledFunction) {
  auto session = makeSession(denseModule("_threads"));
  ASSERT_TRUE(session);
  auto function = session->lookup("dense_threads");
  ASSERT_TRUE(bool(function));
  const CompiledFunction &dense = *function;
  constexpr int kThreads = 4, kCalls = 200;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int c = 0; c < kCalls; ++c) {
        Problem p(t * kCalls + c);
        if (llvm::Error error = dense.call(p.args(), p.results())) {
          llvm::consumeError(std::move(error));
          ++failures[t];
          continue;
        }
        std::vector<float> want = referenceDense(p.x, p.w, p.b);
        for (size_t i = 0; i < want.size(); ++i)
          if (!(std::abs(p.out[i] - want[i]) <= 1e-5 * std::abs(want[i]) + 1e-6))
            ++failures[t];
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(failures[t], 0) << "thread " << t;
}

TEST(SessionTest, MismatchedBuffersAreRejectedBeforeAnyCall) {
  auto session = makeSession(denseModule("_checks"));
  ASSERT_TRUE(session);
  Problem p(0);
  std::vector<int64_t> badShape{8, 15};
  std::vector<BufferRef> args = p.args();
  args[1].shape = badShape;
  llvm::Error error = session->call("dense_checks", args, p.results());
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "function 'dense_checks': argument 1 ('w'): expected "
            "tensor<8x16xf32>, got tensor<8x15xf32>");
  // Nothing was written.
  for (float v : p.out)
    EXPECT_EQ(v, -1.0f);

  args = p.args();
  args[0].dtype = DType::F64;
  error = session->call("dense_checks", args, p.results());
  EXPECT_EQ(llvm::toString(std::move(error)),
            "function 'dense_checks': argument 0: expected tensor<4x8xf32>, "
            "got tensor<4x8xf64>");

  args = p.args();
  args.pop_back();
  error = session->call("dense_checks", args, p.results());
  EXPECT_EQ(llvm::toString(std::move(error)),
            "function 'dense_checks' takes 3 arguments, 2 given");

  error = session->call("dense_checks", p.args(), {});
  EXPECT_EQ(llvm::toString(std::move(error)),
            "function 'dense_checks' takes 1 results, 0 given");

  error = session->call("nope", p.args(), p.results());
  EXPECT_EQ(llvm::toString(std::move(error)),
            "no function 'nope' in the module (functions: dense_checks)");
}

/// x [4, 8] . w [8, 64] + b, relu: w is wide enough (two 32-column panels)
/// to be laid out for the kernel when bound.
constexpr int64_t kWideOut = 64;
constexpr const char *kWideDense = R"mlir(
    func.func @wide(%x: tensor<4x8xf32>, %w: tensor<8x64xf32> {nn.name = "w"},
                    %b: tensor<64xf32> {nn.name = "b"}) -> tensor<4x64xf32> {
      %0 = nn.dense %x, %w, %b : (tensor<4x8xf32>, tensor<8x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
      %1 = nn.relu %0 : tensor<4x64xf32>
      return %1 : tensor<4x64xf32>
    })mlir";

// Binding lays the kernel out once (the bound function takes it as
// [N / w, K, w] panels, w the codegen target's register tile columns: 32
// for AVX-512, 16 for AVX2), keeps its own copy of every parameter, and
// calls with new inputs never recompile.
TEST(SessionTest, BoundKernelsAreLaidOutOnceAsPanels) {
  for (auto [target, panels] :
       {std::pair{mlir::nn::CodegenTarget::X86_64_V4, "tensor<2x8x32xf32>"},
        std::pair{mlir::nn::CodegenTarget::X86_64_V3, "tensor<4x8x16xf32>"}}) {
    SCOPED_TRACE(mlir::nn::stringifyCodegenTarget(target).str());
    auto session = makeSession(kWideDense, target);
    ASSERT_TRUE(session);
    std::vector<float> w(kIn * kWideOut), b(kWideOut);
    for (size_t i = 0; i < w.size(); ++i)
      w[i] = std::cos(0.13f * i);
    for (size_t i = 0; i < b.size(); ++i)
      b[i] = 0.01f * (int(i) - 32);
    std::vector<int64_t> wShape{kIn, kWideOut}, bShape{kWideOut},
        xShape{kRows, kIn}, outShape{kRows, kWideOut};
    uint64_t before = Session::getCacheStats().compiled;
    auto bound = session->bind("wide", {{"w", {w.data(), wShape, DType::F32}},
                                        {"b", {b.data(), bShape, DType::F32}}});
    ASSERT_TRUE(bool(bound)) << llvm::toString(bound.takeError());
    const FunctionSignature &signature = (*bound)->getFunction().getSignature();
    EXPECT_EQ(signature.arguments[1].type.str(), panels);
    EXPECT_EQ(signature.arguments[2].type.str(), "tensor<64xf32>");
    std::vector<float> original = w;
    std::fill(w.begin(), w.end(), 0.0f); // The bound copy is unaffected.
    for (int seed = 0; seed < 5; ++seed) {
      std::vector<float> x(kRows * kIn), out(kRows * kWideOut, -1.0f);
      for (size_t i = 0; i < x.size(); ++i)
        x[i] = std::sin(0.29f * i + seed);
      llvm::Error error = (*bound)->call({{x.data(), xShape, DType::F32}},
                                         {{out.data(), outShape, DType::F32}});
      ASSERT_FALSE(error) << llvm::toString(std::move(error));
      expectClose(out, referenceDense(x, original, b, kWideOut));
    }
    EXPECT_EQ(Session::getCacheStats().compiled, before + 1);
  }
}

// The panel layout changes where B is read from, not the arithmetic: the
// bound call gives the same bits as passing the kernel per call.
TEST(SessionTest, BoundAndUnboundCallsAgreeBitwise) {
  auto session = makeSession(kWideDense);
  ASSERT_TRUE(session);
  std::vector<float> x(kRows * kIn), w(kIn * kWideOut), b(kWideOut);
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = std::sin(0.7f * i);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = std::cos(0.31f * i);
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = 0.02f * (int(i) - 20);
  std::vector<int64_t> xShape{kRows, kIn}, wShape{kIn, kWideOut},
      bShape{kWideOut}, outShape{kRows, kWideOut};
  std::vector<float> unbound(kRows * kWideOut), bound(kRows * kWideOut);
  llvm::Error error = session->call("wide",
                                    {{x.data(), xShape, DType::F32},
                                     {w.data(), wShape, DType::F32},
                                     {b.data(), bShape, DType::F32}},
                                    {{unbound.data(), outShape, DType::F32}});
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  auto function =
      session->bind("wide", {{"w", {w.data(), wShape, DType::F32}},
                             {"b", {b.data(), bShape, DType::F32}}});
  ASSERT_TRUE(bool(function)) << llvm::toString(function.takeError());
  error = (*function)->call({{x.data(), xShape, DType::F32}},
                            {{bound.data(), outShape, DType::F32}});
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  EXPECT_EQ(
      std::memcmp(bound.data(), unbound.data(), bound.size() * sizeof(float)),
      0);
  expectClose(bound, referenceDense(x, w, b, kWideOut));
}

/// Softmax over rows of a 4 MiB output: large enough that its rows are
/// stored with non-temporal stores (nn-stream-stores), whose aligned part
/// depends on where the caller's buffer starts.
constexpr int64_t kStreamRows = 1024, kStreamCols = 1024;
const char *kStreamedSoftmax = R"mlir(
  func.func @streamed(%x: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
    %0 = nn.softmax %x axis = 1 : tensor<1024x1024xf32>
    return %0 : tensor<1024x1024xf32>
  })mlir";

TEST(SessionTest, OutputsAtAnyAddressGetTheSameValues) {
  auto session = makeSession(kStreamedSoftmax);
  ASSERT_TRUE(session);
  const int64_t count = kStreamRows * kStreamCols;
  std::vector<float> x(count);
  for (int64_t i = 0; i < count; ++i)
    x[i] = 4.0f * std::sin(0.013f * i);
  std::vector<int64_t> shape{kStreamRows, kStreamCols};
  // The reference: exp(x - max) / sum, row by row, in double.
  std::vector<float> want(count);
  for (int64_t r = 0; r < kStreamRows; ++r) {
    const float *row = &x[r * kStreamCols];
    float max = *std::max_element(row, row + kStreamCols);
    double sum = 0;
    for (int64_t c = 0; c < kStreamCols; ++c)
      sum += std::exp(double(row[c]) - max);
    for (int64_t c = 0; c < kStreamCols; ++c)
      want[r * kStreamCols + c] = float(std::exp(double(row[c]) - max) / sum);
  }
  // One 64-byte aligned buffer; outputs start 0, 4, 8 or 60 bytes into it
  // (rows aligned, or misaligned by 1, 2 or 15 elements), or 2 bytes in
  // (not even float-aligned: the plain stores). Every start gives the same
  // bits, and the guard floats around the output stay untouched.
  std::vector<float> first;
  for (int64_t start : {0, 4, 8, 60, 2}) {
    const int64_t bytes = count * sizeof(float);
    std::vector<char> storage(bytes + 256, 0x5a);
    char *aligned = reinterpret_cast<char *>(
        (reinterpret_cast<uintptr_t>(storage.data()) + 63) & ~uintptr_t(63));
    char *out = aligned + start;
    llvm::Error error =
        session->call("streamed", {{x.data(), shape, DType::F32}},
                      {{out, shape, DType::F32}});
    ASSERT_FALSE(error) << llvm::toString(std::move(error));
    std::vector<float> got(count);
    std::memcpy(got.data(), out, bytes);
    if (first.empty()) {
      expectClose(got, want);
      first = got;
    } else {
      EXPECT_EQ(std::memcmp(got.data(), first.data(), bytes), 0)
          << "output at byte " << start;
    }
    for (char *guard = storage.data(); guard < out; ++guard)
      ASSERT_EQ(*guard, 0x5a) << "before the output at byte " << start;
    for (char *guard = out + bytes; guard < storage.data() + storage.size();
         ++guard)
      ASSERT_EQ(*guard, 0x5a) << "after the output at byte " << start;
  }
}

/// Masked data whose timestep mask is lost before the pooling; `tag` as in
/// denseModule.
std::string lostMaskModule(llvm::StringRef tag) {
  return llvm::formatv(R"mlir(func.func @lost{0}(%x: tensor<2x2x1xf32>) -> tensor<2x1xf32> {{
  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x2x1xf32> -> tensor<2x2x1xf32>, tensor<2x2xi1>
  %r = scf.execute_region -> tensor<2x2x1xf32> {{
    scf.yield %d : tensor<2x2x1xf32>
  }
  %p = nn.global_avg_pool %r : (tensor<2x2x1xf32>) -> tensor<2x1xf32>
  return %p : tensor<2x1xf32>
})mlir",
                       tag)
      .str();
}

TEST(SessionTest, WarningsReachTheCallerFromEveryLookup) {
  SessionOptions options;
  options.diskCache = false;
  std::string source = lostMaskModule("_warned");
  for (const char *round : {"compiled", "memory cache"}) {
    auto session = Session::createFromString(source, options);
    ASSERT_TRUE(bool(session)) << llvm::toString(session.takeError());
    auto function = (*session)->lookup("lost_warned");
    ASSERT_TRUE(bool(function)) << llvm::toString(function.takeError());
    std::vector<CompileDiagnostic> diagnostics = (*session)->takeDiagnostics();
    ASSERT_EQ(diagnostics.size(), 1u) << round;
    EXPECT_EQ(diagnostics[0].severity, CompileDiagnostic::Severity::Warning);
    EXPECT_NE(diagnostics[0].message.find("timestep mask was lost at "
                                          "'scf.execute_region'"),
              std::string::npos)
        << diagnostics[0].message;
    // Rendered as nn-opt renders it: location, source line, the note.
    EXPECT_NE(diagnostics[0].rendered.find("<string>:6:8: warning:"),
              std::string::npos)
        << diagnostics[0].rendered;
    EXPECT_NE(diagnostics[0].rendered.find("<string>:3:8: note: the mask was "
                                           "lost here"),
              std::string::npos)
        << diagnostics[0].rendered;
    EXPECT_TRUE((*session)->takeDiagnostics().empty()) << "taken once";
  }
}

TEST(SessionTest, StrictModeFailsOnAWarning) {
  SessionOptions options;
  options.diskCache = false;
  options.strict = true;
  auto session = Session::createFromString(lostMaskModule("_strict"), options);
  ASSERT_TRUE(bool(session)) << llvm::toString(session.takeError());
  CacheStats before = Session::getCacheStats();
  auto function = (*session)->lookup("lost_strict");
  ASSERT_FALSE(bool(function));
  std::string message = llvm::toString(function.takeError());
  EXPECT_NE(message.find("strict mode"), std::string::npos) << message;
  EXPECT_NE(message.find("error: the input comes from masked data"),
            std::string::npos)
      << message;
  EXPECT_EQ(Session::getCacheStats().compiled, before.compiled)
      << "nothing is compiled in strict mode";
}

/// loss(w, x, t) = sum((x w - t)^2), made a train step (its parameter w
/// and the optimizer state donated) by `optimizer`'s nn-train-step.
std::unique_ptr<Session> makeTrainStep(llvm::StringRef optimizer) {
  SessionOptions options;
  options.diskCache = false;
  options.preparePipeline =
      ("builtin.module(nn-train-step{function=loss " + optimizer + "})").str();
  auto session = Session::createFromString(R"mlir(
    #all = affine_map<(d0, d1) -> (d0, d1)>
    #none = affine_map<(d0, d1) -> ()>
    func.func @loss(%w: tensor<3x2xf32> {nn.name = "w"}, %x: tensor<4x3xf32>,
                    %t: tensor<4x2xf32>) -> tensor<f32> {
      %y = nn.dense %x, %w : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
      %d = arith.subf %y, %t : tensor<4x2xf32>
      %zero = arith.constant dense<0.0> : tensor<f32>
      %s = linalg.generic {indexing_maps = [#all, #none],
                           iterator_types = ["reduction", "reduction"]}
          ins(%d : tensor<4x2xf32>) outs(%zero : tensor<f32>) {
      ^bb0(%in: f32, %out: f32):
        %sq = arith.mulf %in, %in : f32
        %sum = arith.addf %out, %sq : f32
        linalg.yield %sum : f32
      } -> tensor<f32>
      return %s : tensor<f32>
    })mlir",
                                           options);
  if (!session) {
    ADD_FAILURE() << llvm::toString(session.takeError());
    return nullptr;
  }
  return std::move(*session);
}

/// The train step's data: x = [[1,0,0],[0,1,0],[0,0,1],[1,1,1]], t = 0, so
/// d loss / d w = 2 x^T x w with x^T x = [[2,1,1],[1,2,1],[1,1,2]].
struct TrainData {
  std::vector<float> x{1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1};
  std::vector<float> t = std::vector<float>(8, 0.0f);
  std::vector<int64_t> wShape{3, 2}, xShape{4, 3}, tShape{4, 2};
  BufferRef w(std::vector<float> &w) { return {w.data(), wShape, DType::F32}; }
  BufferRef xRef() { return {x.data(), xShape, DType::F32}; }
  BufferRef tRef() { return {t.data(), tShape, DType::F32}; }
};

TEST(SessionTest, DonatedParametersAreUpdatedInTheirBuffers) {
  auto session = makeTrainStep("optimizer=sgd learning-rate=0.01");
  ASSERT_TRUE(session);
  auto step = session->lookup("loss_train_step");
  ASSERT_TRUE(bool(step)) << llvm::toString(step.takeError());
  const FunctionSignature &signature = step->getSignature();
  ASSERT_EQ(signature.results.size(), 2u);
  EXPECT_EQ(signature.results[0].donatedFrom, std::optional<unsigned>(0));
  EXPECT_EQ(signature.results[1].donatedFrom, std::nullopt) << "the loss";

  // The parameter's buffer is also the result's: the native code writes it
  // (nothing is copied when the addresses agree), twice in a row.
  TrainData data;
  std::vector<float> w{1, 2, 3, 4, 5, 6};
  const float *address = w.data();
  float loss = 0;
  std::vector<int64_t> scalar;
  BufferRef lossRef{&loss, scalar, DType::F32};
  // Step 1: g = [[20,28],[24,32],[28,36]], loss 316.
  // Step 2 from w1: g = [[18.16,25.52],[22.08,29.44],[26,33.36]], loss
  // = sum((x w1)^2) = 269.2864.
  std::vector<std::vector<float>> expected{
      {0.8f, 1.72f, 2.76f, 3.68f, 4.72f, 5.64f},
      {0.6184f, 1.4648f, 2.5392f, 3.3856f, 4.46f, 5.3064f}};
  std::vector<float> losses{316.0f, 269.2864f};
  for (int s = 0; s < 2; ++s) {
    llvm::Error error = step->call({data.w(w), data.xRef(), data.tRef()},
                                   {data.w(w), lossRef});
    ASSERT_FALSE(error) << llvm::toString(std::move(error));
    EXPECT_EQ(w.data(), address);
    expectClose(w, expected[s]);
    EXPECT_NEAR(loss, losses[s], 1e-5 * losses[s]) << "step " << s + 1;
  }

  // A result buffer of its own gets a copy; the argument is updated as well.
  std::vector<float> w0{1, 2, 3, 4, 5, 6}, w1(6, -1.0f);
  llvm::Error error = step->call({data.w(w0), data.xRef(), data.tRef()},
                                 {data.w(w1), lossRef});
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  expectClose(w0, expected[0]);
  expectClose(w1, expected[0]);
}

TEST(SessionTest, DonatedOptimizerStateIsUpdatedInItsBuffers) {
  auto session = makeTrainStep("optimizer=adam learning-rate=0.1");
  ASSERT_TRUE(session);
  auto step = session->lookup("loss_train_step");
  ASSERT_TRUE(bool(step)) << llvm::toString(step.takeError());
  // (w, x, t, w.m, w.v, step) -> (w, w.m, w.v, step, loss).
  const FunctionSignature &signature = step->getSignature();
  ASSERT_EQ(signature.results.size(), 5u);
  for (auto [result, argument] : {std::pair<unsigned, unsigned>{0, 0},
                                  {1, 3}, {2, 4}, {3, 5}})
    EXPECT_EQ(signature.results[result].donatedFrom,
              std::optional<unsigned>(argument));

  TrainData data;
  std::vector<float> w{1, 2, 3, 4, 5, 6}, m(6, 0.0f), v(6, 0.0f);
  int32_t count = 0;
  float loss = 0;
  std::vector<int64_t> scalar;
  BufferRef countRef{&count, scalar, DType::I32};
  BufferRef lossRef{&loss, scalar, DType::F32};
  auto call = [&] {
    return step->call(
        {data.w(w), data.xRef(), data.tRef(), data.w(m), data.w(v), countRef},
        {data.w(w), data.w(m), data.w(v), countRef, lossRef});
  };
  llvm::Error error = call();
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  // From zero moments: m' = 0.1 g, v' = 0.001 g^2, w' = w - 0.1 (g / |g|).
  expectClose(m, {2, 2.8f, 2.4f, 3.2f, 2.8f, 3.6f});
  expectClose(v, {0.4f, 0.784f, 0.576f, 1.024f, 0.784f, 1.296f});
  expectClose(w, {0.9f, 1.9f, 2.9f, 3.9f, 4.9f, 5.9f});
  EXPECT_EQ(count, 1);
  error = call();
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  EXPECT_EQ(count, 2) << "the count is donated too";

  // m and v in one buffer: updating one would change the other.
  error = step->call(
      {data.w(w), data.xRef(), data.tRef(), data.w(m), data.w(m), countRef},
      {data.w(w), data.w(m), data.w(v), countRef, lossRef});
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "function 'loss_train_step': argument 3 ('w.m') is donated (the "
            "call overwrites it) and shares memory with argument 4 ('w.v')");
}

TEST(SessionTest, DonatedParametersCannotBeBound) {
  auto session = makeTrainStep("optimizer=sgd learning-rate=0.01 donate=true");
  ASSERT_TRUE(session);
  std::vector<float> w{1, 2, 3, 4, 5, 6};
  std::vector<int64_t> shape{3, 2};
  auto bound =
      session->bind("loss_train_step", {{"w", {w.data(), shape, DType::F32}}});
  ASSERT_FALSE(bool(bound));
  EXPECT_EQ(llvm::toString(bound.takeError()),
            "function 'loss_train_step': parameter 'w' is donated (each call "
            "overwrites it with a result); pass it per call instead of "
            "binding it");
}

TEST(SessionTest, MalformedModuleIsAnError) {
  auto session = Session::createFromString("func.func @f(%x: tensor<4xf32>");
  ASSERT_FALSE(bool(session));
  std::string message = llvm::toString(session.takeError());
  EXPECT_NE(message.find("error:"), std::string::npos) << message;
}

} // namespace
