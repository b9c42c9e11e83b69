# -*- Python -*-
# lit configuration of nn-mlir's GoogleTest unit tests.

import os

import lit.formats

config.name = "NN-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.nn_obj_root, "test", "unittests")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
