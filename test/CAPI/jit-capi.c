/*===- jit-capi.c - exercises the C API of the nn-mlir JIT -----------------===*\
|*                                                                            *|
|* Part of the nn-mlir project. Run by test/CAPI/jit-capi.test; the expected *|
|* numbers there are computed by hand.                                        *|
\*===------------------------------------------------------------------------===*/

#include "nn-c/JIT.h"

#include <stdio.h>
#include <string.h>

static const char *kModule =
    "func.func @layer(%x: tensor<2x3xf32>,\n"
    "                 %w: tensor<3x2xf32> {nn.name = \"w\"},\n"
    "                 %b: tensor<2xf32> {nn.name = \"b\"}) -> tensor<2x2xf32> {\n"
    "  %0 = nn.dense %x, %w, %b : (tensor<2x3xf32>, tensor<3x2xf32>,\n"
    "                              tensor<2xf32>) -> tensor<2x2xf32>\n"
    "  %1 = nn.relu %0 : tensor<2x2xf32>\n"
    "  return %1 : tensor<2x2xf32>\n"
    "}\n";

/* Masked data whose mask is lost on the way to the pooling. */
static const char *kLostMask =
    "func.func @lost(%x: tensor<2x2x1xf32>) -> tensor<2x1xf32> {\n"
    "  %d, %m = nn.masking %x mask_value = 0.0 : tensor<2x2x1xf32> -> "
    "tensor<2x2x1xf32>, tensor<2x2xi1>\n"
    "  %r = scf.execute_region -> tensor<2x2x1xf32> {\n"
    "    scf.yield %d : tensor<2x2x1xf32>\n"
    "  }\n"
    "  %p = nn.global_avg_pool %r : (tensor<2x2x1xf32>) -> tensor<2x1xf32>\n"
    "  return %p : tensor<2x1xf32>\n"
    "}\n";

/* An update written with its donation: w' = w - 0.25 g in w's buffer. */
static const char *kDonating =
    "func.func @update(%g: tensor<3xf32> {nn.name = \"g\"},\n"
    "                  %w: tensor<3xf32> {nn.name = \"w\"})\n"
    "    -> (tensor<3xf32>, tensor<3xf32> {nn.donated_from = 1 : i64}) {\n"
    "  %lr = arith.constant dense<0.25> : tensor<f32>\n"
    "  %w1 = nn.sgd_update %w, %g lr %lr : tensor<3xf32>\n"
    "  %twice = arith.addf %g, %g : tensor<3xf32>\n"
    "  return %twice, %w1 : tensor<3xf32>, tensor<3xf32>\n"
    "}\n";

static void print_result(const char *label, const float *out) {
  printf("%s: [[%g, %g], [%g, %g]]\n", label, out[0], out[1], out[2], out[3]);
}

static int report(const char *what, char *error) {
  printf("%s error: %s\n", what, error ? error : "(none)");
  nnjit_free_error(error);
  return 0;
}

int main(int argc, char **argv) {
  nnjit_options options = {argc > 1 ? argv[1] : NULL, 0, NULL, -1, 0, 0};
  char *error = NULL;

  nnjit_session *session = nnjit_session_create_from_string(
      kModule, strlen(kModule), &options, &error);
  if (!session)
    return report("create", error), 1;

  /* Bind the parameters once; calls pass only x. */
  int64_t wShape[2] = {3, 2}, bShape[1] = {2}, xShape[2] = {2, 3},
          outShape[2] = {2, 2};
  float w[6] = {1, 0, 0, 1, 1, -1}, b[2] = {0.5f, 0.5f};
  const char *names[2] = {"w", "b"};
  nnjit_buffer params[2] = {{w, wShape, 2, NNJIT_F32}, {b, bShape, 1, NNJIT_F32}};
  nnjit_function *layer =
      nnjit_session_bind(session, "layer", names, params, 2, &error);
  if (!layer)
    return report("bind", error), 1;
  w[0] = 100; /* Bound parameters were copied: this changes nothing. */

  const char *name;
  nnjit_dtype dtype;
  int32_t rank;
  const int64_t *shape;
  nnjit_function_argument(layer, 0, &name, &dtype, &rank, &shape);
  printf("arguments=%zu results=%zu arg0: name='%s' dtype=%d rank=%d shape=%lldx%lld\n",
         nnjit_function_num_arguments(layer), nnjit_function_num_results(layer),
         name, (int)dtype, rank, (long long)shape[0], (long long)shape[1]);
  printf("arg1 exists: %d\n", nnjit_function_argument(layer, 1, 0, 0, 0, 0) == 0);

  float x[6] = {1, 2, 3, 4, 5, 6}, out[4] = {-7, -7, -7, -7};
  nnjit_buffer args[1] = {{x, xShape, 2, NNJIT_F32}};
  nnjit_buffer results[1] = {{out, outShape, 2, NNJIT_F32}};
  if (nnjit_function_call(layer, args, 1, results, 1, &error))
    return report("call", error), 1;
  print_result("bound", out);

  /* A new input value: same compiled code. */
  float y[6] = {-1, -2, -3, 0, 0, 1};
  args[0].data = y;
  if (nnjit_function_call(layer, args, 1, results, 1, &error))
    return report("call", error), 1;
  print_result("bound again", out);

  /* Mismatched buffers are rejected before any native code runs. */
  int64_t badShape[2] = {3, 2};
  args[0].shape = badShape;
  if (nnjit_function_call(layer, args, 1, results, 1, &error))
    report("wrong shape", error);
  args[0].shape = xShape;
  if (nnjit_function_call(layer, args, 0, results, 1, &error))
    report("wrong count", error);

  /* The unbound function takes every argument. */
  nnjit_function *full = nnjit_session_lookup(session, "layer", &error);
  if (!full)
    return report("lookup", error), 1;
  nnjit_buffer all[3] = {{x, xShape, 2, NNJIT_F32},
                         {w, wShape, 2, NNJIT_F32},
                         {b, bShape, 1, NNJIT_F32}};
  if (nnjit_function_call(full, all, 3, results, 1, &error))
    return report("call", error), 1;
  print_result("unbound, w[0]=100", out);

  if (!nnjit_session_lookup(session, "missing", &error))
    report("lookup", error);
  const char *badName[1] = {"v"};
  if (!nnjit_session_bind(session, "layer", badName, params, 1, &error))
    report("bind", error);
  if (!nnjit_session_create_from_string("func.func @f(", 13, &options, &error))
    report("parse", error);

  uint64_t compiled, memoryHits, diskHits;
  nnjit_cache_stats(&compiled, &memoryHits, &diskHits);
  printf("cache: compiled=%llu memory_hits=%llu disk_hits=%llu\n",
         (unsigned long long)compiled, (unsigned long long)memoryHits,
         (unsigned long long)diskHits);

  /* The compiler's warnings reach the caller; nothing to say is NULL. */
  char *diagnostics = nnjit_session_take_diagnostics(session);
  printf("layer diagnostics: %s\n", diagnostics ? diagnostics : "(none)");
  nnjit_free_error(diagnostics);
  nnjit_session *lost = nnjit_session_create_from_string(
      kLostMask, strlen(kLostMask), &options, &error);
  if (!lost)
    return report("create", error), 1;
  nnjit_function *lostFn = nnjit_session_lookup(lost, "lost", &error);
  if (!lostFn)
    return report("lookup", error), 1;
  diagnostics = nnjit_session_take_diagnostics(lost);
  printf("lost diagnostics: %s", diagnostics ? diagnostics : "(none)\n");
  nnjit_free_error(diagnostics);
  diagnostics = nnjit_session_take_diagnostics(lost);
  printf("taken twice: %s\n", diagnostics ? diagnostics : "(none)");
  nnjit_free_error(diagnostics);
  /* Strict: the same warning fails the lookup. */
  options.strict = 1;
  nnjit_session *strict = nnjit_session_create_from_string(
      kLostMask, strlen(kLostMask), &options, &error);
  if (!strict)
    return report("create", error), 1;
  if (!nnjit_session_lookup(strict, "lost", &error))
    report("strict lookup", error);

  /* Donation: result 1 is computed into w's buffer. */
  nnjit_session *donating = nnjit_session_create_from_string(
      kDonating, strlen(kDonating), &options, &error);
  if (!donating)
    return report("create", error), 1;
  nnjit_function *update = nnjit_session_lookup(donating, "update", &error);
  if (!update)
    return report("lookup", error), 1;
  printf("donated from: %lld %lld %lld\n",
         (long long)nnjit_function_result_donated_from(update, 0),
         (long long)nnjit_function_result_donated_from(update, 1),
         (long long)nnjit_function_result_donated_from(update, 2));
  int64_t vShape[1] = {3};
  float g[3] = {2, 4, 6}, v[3] = {1, 2, 3}, twice[3];
  nnjit_buffer updateArgs[2] = {{g, vShape, 1, NNJIT_F32},
                                {v, vShape, 1, NNJIT_F32}};
  /* The argument's own buffer as the donated result: nothing is copied. */
  nnjit_buffer updateResults[2] = {{twice, vShape, 1, NNJIT_F32},
                                   {v, vShape, 1, NNJIT_F32}};
  for (int call = 1; call <= 2; ++call) {
    if (nnjit_function_call(update, updateArgs, 2, updateResults, 2, &error))
      return report("call", error), 1;
    printf("w after call %d: [%g, %g, %g], 2g: [%g, %g, %g]\n", call, v[0],
           v[1], v[2], twice[0], twice[1], twice[2]);
  }
  /* With g bound, w is the call's only argument: index 0. */
  const char *gName[1] = {"g"};
  nnjit_buffer gParam[1] = {{g, vShape, 1, NNJIT_F32}};
  nnjit_function *boundUpdate =
      nnjit_session_bind(donating, "update", gName, gParam, 1, &error);
  if (!boundUpdate)
    return report("bind", error), 1;
  printf("bound donated from: %lld\n",
         (long long)nnjit_function_result_donated_from(boundUpdate, 1));
  const char *wName[1] = {"w"};
  if (!nnjit_session_bind(donating, "update", wName, updateArgs + 1, 1, &error))
    report("bind donated", error);

  nnjit_function_destroy(boundUpdate);
  nnjit_function_destroy(update);
  nnjit_session_destroy(donating);
  nnjit_session_destroy(strict);
  nnjit_function_destroy(lostFn);
  nnjit_session_destroy(lost);
  nnjit_function_destroy(full);
  nnjit_function_destroy(layer);
  nnjit_session_destroy(session);
  return 0;
}
