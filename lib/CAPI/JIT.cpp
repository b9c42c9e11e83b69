//===- JIT.cpp - C API of the nn-mlir JIT ---------------------------------===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#include "nn-c/JIT.h"

#include "nn/JIT/Session.h"

#include <cstdlib>
#include <cstring>

using namespace nn::jit;

struct nnjit_session {
  std::unique_ptr<Session> session;
};

struct nnjit_function {
  std::unique_ptr<BoundFunction> bound;
};

static_assert(static_cast<int>(DType::U32) == NNJIT_U32 &&
                  static_cast<int>(DType::F32) == NNJIT_F32 &&
                  static_cast<int>(DType::Bool) == NNJIT_BOOL,
              "nnjit_dtype mirrors nn::jit::DType");

namespace {
void setError(char **error, const std::string &message) {
  if (error)
    *error = strdup(message.c_str());
}

template <typename T> T fail(char **error, llvm::Error err, T result) {
  setError(error, llvm::toString(std::move(err)));
  return result;
}

bool validDType(nnjit_dtype dtype) {
  return dtype >= NNJIT_F16 && dtype <= NNJIT_U32;
}

/// Views C buffers as BufferRefs (no copies); fails on a malformed one.
bool toBufferRefs(const nnjit_buffer *buffers, size_t count,
                  llvm::SmallVectorImpl<BufferRef> &refs, llvm::StringRef what,
                  char **error) {
  if (count && !buffers) {
    setError(error, ("the " + what + " array is NULL").str());
    return false;
  }
  for (size_t i = 0; i < count; ++i) {
    const nnjit_buffer &b = buffers[i];
    if (b.rank < 0 || (b.rank > 0 && !b.shape) || !validDType(b.dtype)) {
      setError(error, (what + " " + std::to_string(i) +
                       " has a bad rank, shape or dtype")
                          .str());
      return false;
    }
    refs.push_back({b.data, llvm::ArrayRef<int64_t>(b.shape, b.rank),
                    static_cast<DType>(b.dtype)});
  }
  return true;
}

SessionOptions toOptions(const nnjit_options *options) {
  SessionOptions result;
  if (!options)
    return result;
  if (options->cache_dir)
    result.cacheDir = options->cache_dir;
  result.diskCache = !options->disable_disk_cache;
  if (options->pipeline)
    result.pipeline = options->pipeline;
  if (options->opt_level >= 0 && options->opt_level <= 3)
    result.optLevel = options->opt_level;
  result.training = options->training != 0;
  result.strict = options->strict != 0;
  return result;
}

nnjit_session *wrap(llvm::Expected<std::unique_ptr<Session>> session,
                    char **error) {
  if (!session)
    return fail<nnjit_session *>(error, session.takeError(), nullptr);
  return new nnjit_session{std::move(*session)};
}

int describe(const ValueInfo &info, const char **name, nnjit_dtype *dtype,
             int32_t *rank, const int64_t **shape) {
  if (name)
    *name = info.name.c_str();
  if (dtype)
    *dtype = static_cast<nnjit_dtype>(info.type.dtype);
  if (rank)
    *rank = static_cast<int32_t>(info.type.shape.size());
  if (shape)
    *shape = info.type.shape.data();
  return 0;
}
} // namespace

extern "C" {

nnjit_session *nnjit_session_create_from_file(const char *path,
                                              const nnjit_options *options,
                                              char **error) {
  if (!path) {
    setError(error, "the path is NULL");
    return nullptr;
  }
  return wrap(Session::createFromFile(path, toOptions(options)), error);
}

nnjit_session *nnjit_session_create_from_string(const char *source,
                                                size_t length,
                                                const nnjit_options *options,
                                                char **error) {
  if (!source) {
    setError(error, "the source is NULL");
    return nullptr;
  }
  return wrap(Session::createFromString(llvm::StringRef(source, length),
                                        toOptions(options)),
              error);
}

void nnjit_session_destroy(nnjit_session *session) { delete session; }

char *nnjit_session_take_diagnostics(nnjit_session *session) {
  if (!session)
    return nullptr;
  std::string text;
  for (const CompileDiagnostic &diagnostic :
       session->session->takeDiagnostics())
    text += diagnostic.rendered;
  return text.empty() ? nullptr : strdup(text.c_str());
}

nnjit_function *nnjit_session_bind(nnjit_session *session, const char *name,
                                   const char *const *param_names,
                                   const nnjit_buffer *params,
                                   size_t num_params, char **error) {
  if (!session || !name) {
    setError(error, "the session or the function name is NULL");
    return nullptr;
  }
  llvm::SmallVector<BufferRef> refs;
  if (!toBufferRefs(params, num_params, refs, "parameter", error))
    return nullptr;
  llvm::SmallVector<NamedBuffer> named;
  for (size_t i = 0; i < num_params; ++i) {
    if (!param_names || !param_names[i]) {
      setError(error, "parameter " + std::to_string(i) + " has no name");
      return nullptr;
    }
    named.push_back({param_names[i], refs[i]});
  }
  auto bound = session->session->bind(name, named);
  if (!bound)
    return fail<nnjit_function *>(error, bound.takeError(), nullptr);
  return new nnjit_function{std::move(*bound)};
}

nnjit_function *nnjit_session_lookup(nnjit_session *session, const char *name,
                                     char **error) {
  return nnjit_session_bind(session, name, nullptr, nullptr, 0, error);
}

void nnjit_function_destroy(nnjit_function *function) { delete function; }

size_t nnjit_function_num_arguments(const nnjit_function *function) {
  return function->bound->getFreeArguments().size();
}

size_t nnjit_function_num_results(const nnjit_function *function) {
  return function->bound->getFunction().getSignature().results.size();
}

int nnjit_function_argument(const nnjit_function *function, size_t index,
                            const char **name, nnjit_dtype *dtype,
                            int32_t *rank, const int64_t **shape) {
  llvm::ArrayRef<unsigned> free = function->bound->getFreeArguments();
  if (index >= free.size())
    return 1;
  return describe(
      function->bound->getFunction().getSignature().arguments[free[index]],
      name, dtype, rank, shape);
}

int nnjit_function_result(const nnjit_function *function, size_t index,
                          const char **name, nnjit_dtype *dtype, int32_t *rank,
                          const int64_t **shape) {
  const auto &results = function->bound->getFunction().getSignature().results;
  if (index >= results.size())
    return 1;
  return describe(results[index], name, dtype, rank, shape);
}

int64_t nnjit_function_result_donated_from(const nnjit_function *function,
                                           size_t index) {
  const FunctionSignature &signature =
      function->bound->getFunction().getSignature();
  if (index >= signature.results.size() ||
      !signature.results[index].donatedFrom)
    return -1;
  // Donated arguments are never bound: always one of the call's.
  llvm::ArrayRef<unsigned> free = function->bound->getFreeArguments();
  const unsigned *it = llvm::find(free, *signature.results[index].donatedFrom);
  return it == free.end() ? -1 : it - free.begin();
}

int nnjit_function_call(const nnjit_function *function,
                        const nnjit_buffer *arguments, size_t num_arguments,
                        const nnjit_buffer *results, size_t num_results,
                        char **error) {
  if (!function) {
    setError(error, "the function is NULL");
    return 1;
  }
  llvm::SmallVector<BufferRef, 16> args, outs;
  if (!toBufferRefs(arguments, num_arguments, args, "argument", error) ||
      !toBufferRefs(results, num_results, outs, "result", error))
    return 1;
  if (llvm::Error err = function->bound->call(args, outs))
    return fail(error, std::move(err), 1);
  return 0;
}

void nnjit_cache_stats(uint64_t *compiled, uint64_t *memory_hits,
                       uint64_t *disk_hits) {
  CacheStats stats = Session::getCacheStats();
  if (compiled)
    *compiled = stats.compiled;
  if (memory_hits)
    *memory_hits = stats.memoryHits;
  if (disk_hits)
    *disk_hits = stats.diskHits;
}

void nnjit_free_error(char *error) { std::free(error); }

} // extern "C"
