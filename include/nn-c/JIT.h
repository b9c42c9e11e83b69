/*===-- nn-c/JIT.h - C API of the nn-mlir JIT ------------------*- C -*-===*\
|*                                                                          *|
|* Part of the nn-mlir project.                                             *|
|*                                                                          *|
|* A C interface over nn::jit::Session for embedding (Python via ctypes and *|
|* NumPy, ...). Buffers are caller-owned, contiguous, row-major memory      *|
|* passed by pointer: nothing is copied per call. Functions that can fail   *|
|* return NULL or a non-zero status and, when `error` is not NULL, set      *|
|* *error to a message to release with nnjit_free_error.                    *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef NN_C_JIT_H
#define NN_C_JIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Element types; NNJIT_BOOL is one byte per element (a NumPy bool array).
typedef enum nnjit_dtype {
  NNJIT_F16 = 0,
  NNJIT_F32 = 1,
  NNJIT_F64 = 2,
  NNJIT_BOOL = 3,
  NNJIT_I8 = 4,
  NNJIT_I16 = 5,
  NNJIT_I32 = 6,
  NNJIT_I64 = 7,
  NNJIT_U8 = 8,
  NNJIT_U32 = 9,
} nnjit_dtype;

/// A caller-owned tensor: `data` holds product(shape) elements row-major.
typedef struct nnjit_buffer {
  void *data;
  const int64_t *shape;
  int32_t rank;
  nnjit_dtype dtype;
} nnjit_buffer;

typedef struct nnjit_session nnjit_session;
/// A compiled function, possibly with parameters bound.
typedef struct nnjit_function nnjit_function;

/// Options; NULL or zero fields mean the defaults (disk cache in the
/// default directory, the default pipeline, -O2, inference mode, warnings
/// reported but not fatal).
typedef struct nnjit_options {
  const char *cache_dir;
  int disable_disk_cache;
  const char *pipeline;
  int opt_level; /* 0..3; negative means the default, 2 */
  int training;  /* non-zero: dropout applies (no nn-inference) */
  int strict;    /* non-zero: a warning about the IR fails the lookup */
} nnjit_options;

nnjit_session *nnjit_session_create_from_file(const char *path,
                                              const nnjit_options *options,
                                              char **error);
nnjit_session *nnjit_session_create_from_string(const char *source,
                                                size_t length,
                                                const nnjit_options *options,
                                                char **error);
void nnjit_session_destroy(nnjit_session *session);

/// The warnings and remarks the compiler reported since the last call (a
/// lost timestep mask, a reused key, dropout removed by inference mode), as
/// nn-opt prints them, or NULL if there were none. Every lookup reports them,
/// also when its code comes from a cache. Release with nnjit_free_error.
char *nnjit_session_take_diagnostics(nnjit_session *session);

/// Compiles (or finds in the cache) function `name`.
nnjit_function *nnjit_session_lookup(nnjit_session *session, const char *name,
                                     char **error);
/// Compiles `name` and binds `num_params` parameters by their `nn.name`;
/// the data is copied once, here. Calls then take the other arguments only.
/// A donated argument (see nnjit_function_result_donated_from) cannot be
/// bound.
nnjit_function *nnjit_session_bind(nnjit_session *session, const char *name,
                                   const char *const *param_names,
                                   const nnjit_buffer *params,
                                   size_t num_params, char **error);
void nnjit_function_destroy(nnjit_function *function);

/// The arguments a call takes (bound parameters excluded) and the results.
size_t nnjit_function_num_arguments(const nnjit_function *function);
size_t nnjit_function_num_results(const nnjit_function *function);
/// Describes argument / result `index`: its name ("" if none), element type,
/// rank and shape (valid while the function lives). Returns non-zero if
/// `index` is out of range.
int nnjit_function_argument(const nnjit_function *function, size_t index,
                            const char **name, nnjit_dtype *dtype,
                            int32_t *rank, const int64_t **shape);
int nnjit_function_result(const nnjit_function *function, size_t index,
                          const char **name, nnjit_dtype *dtype, int32_t *rank,
                          const int64_t **shape);

/// Donation (a train step's parameters and optimizer state; JAX's
/// donate_argnums): the index, among the call's arguments, of the argument
/// whose buffer result `index` is computed into, or -1 if the result is not
/// donated (or `index` is out of range). The call overwrites that argument
/// with the result; passing the argument's own buffer as the result copies
/// nothing, another buffer receives a copy after the call.
int64_t nnjit_function_result_donated_from(const nnjit_function *function,
                                           size_t index);

/// Checks every buffer against the signature, then runs the native code,
/// which writes the results into `results` (and donated results into their
/// arguments, see nnjit_function_result_donated_from). Thread-safe.
int nnjit_function_call(const nnjit_function *function,
                        const nnjit_buffer *arguments, size_t num_arguments,
                        const nnjit_buffer *results, size_t num_results,
                        char **error);

/// Process-wide compile cache counters.
void nnjit_cache_stats(uint64_t *compiled, uint64_t *memory_hits,
                       uint64_t *disk_hits);

void nnjit_free_error(char *error);

#ifdef __cplusplus
}
#endif

#endif /* NN_C_JIT_H */
