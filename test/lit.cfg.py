# -*- Python -*-
# lit configuration of the nn-mlir test suite.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "NN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "unittests", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nn_obj_root, "test")

config.environment["FILECHECK_OPTS"] = "-enable-var-scope"

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

runtime_libs = os.path.join(config.mlir_lib_dir, "libmlir_runner_utils.so")
c_runtime_libs = os.path.join(config.mlir_lib_dir, "libmlir_c_runner_utils.so")
config.substitutions.append(("%mlir_runner_utils", runtime_libs))
config.substitutions.append(("%mlir_c_runner_utils", c_runtime_libs))
config.substitutions.append(("%python", config.python_executable))
# Python that loads libnnjit.so. In the sanitize build (NN_SANITIZE,
# docs/Hardening.md) the library leaves the ASan runtime to the executable, so
# it is preloaded; Python's own allocations are not ours to leak-check.
if getattr(config, "nn_asan_runtime", ""):
    # `UNSUPPORTED: asan` for what cannot run under ASan (`ulimit -v`: its
    # shadow memory needs terabytes of address space).
    config.available_features.add("asan")
    asan_options = config.environment.get("ASAN_OPTIONS", "")
    config.substitutions.append(("%nnjit_python", "env LD_PRELOAD=%s ASAN_OPTIONS=%s %s" % (
        config.nn_asan_runtime, (asan_options + ":detect_leaks=0").lstrip(":"),
        config.python_executable)))
else:
    config.substitutions.append(("%nnjit_python", config.python_executable))
config.substitutions.append(("%nn_src_root", config.nn_src_root))
config.substitutions.append(("%nn_obj_root", config.nn_obj_root))
config.substitutions.append(("%mlir_tblgen", config.mlir_tablegen))
config.substitutions.append(
    ("%mlir_include", os.path.join(os.path.dirname(config.mlir_lib_dir), "include")))

# Every test that runs nn-jit gets its own disk cache directory.
config.recursiveExpansionLimit = 3
tool_dirs = [config.nn_tools_dir, config.llvm_tools_dir]
tools = [
    "nn-opt",
    "nn-capi-test",
    "nn-malformed-input-check",
    "nn-read-arrays",
    ToolSubst("nn-jit", extra_args=["--cache-dir=%t.nn-jit-cache"]),
    ToolSubst("nn-train", extra_args=["--cache-dir=%t.nn-jit-cache"]),
    ToolSubst("mlir-runner", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)
