#!/usr/bin/env python3
"""Calls a compiled nn function from Python through the C API (ctypes) on
NumPy arrays, without copies: the result is written into a NumPy array.
Usage: nnjit_ctypes.py LIBNNJIT.so CACHE_DIR"""

import ctypes as C
import sys

import numpy as np

lib = C.CDLL(sys.argv[1])


class Buffer(C.Structure):
    _fields_ = [("data", C.c_void_p), ("shape", C.POINTER(C.c_int64)),
                ("rank", C.c_int32), ("dtype", C.c_int)]


class Options(C.Structure):
    _fields_ = [("cache_dir", C.c_char_p), ("disable_disk_cache", C.c_int),
                ("pipeline", C.c_char_p), ("opt_level", C.c_int),
                ("training", C.c_int), ("strict", C.c_int)]


F32 = 1
lib.nnjit_session_create_from_string.restype = C.c_void_p
lib.nnjit_session_create_from_string.argtypes = [C.c_char_p, C.c_size_t,
                                                 C.POINTER(Options), C.POINTER(C.c_char_p)]
lib.nnjit_session_bind.restype = C.c_void_p
lib.nnjit_session_bind.argtypes = [C.c_void_p, C.c_char_p, C.POINTER(C.c_char_p),
                                   C.POINTER(Buffer), C.c_size_t, C.POINTER(C.c_char_p)]
lib.nnjit_function_call.argtypes = [C.c_void_p, C.POINTER(Buffer), C.c_size_t,
                                    C.POINTER(Buffer), C.c_size_t, C.POINTER(C.c_char_p)]


def buffer(array):
    assert array.dtype == np.float32 and array.flags["C_CONTIGUOUS"]
    shape = (C.c_int64 * array.ndim)(*array.shape)
    buf = Buffer(array.ctypes.data, shape, array.ndim, F32)
    buf._keep = shape
    return buf


source = b"""
func.func @mlp(%x: tensor<8x16xf32>, %w1: tensor<16x32xf32> {nn.name = "w1"},
               %w2: tensor<32x4xf32> {nn.name = "w2"}) -> tensor<8x4xf32> {
  %h = nn.dense %x, %w1 : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %t = nn.tanh %h : tensor<8x32xf32>
  %o = nn.dense %t, %w2 : (tensor<8x32xf32>, tensor<32x4xf32>) -> tensor<8x4xf32>
  return %o : tensor<8x4xf32>
}
"""
error = C.c_char_p()
options = Options(sys.argv[2].encode(), 0, None, -1)
session = lib.nnjit_session_create_from_string(source, len(source), C.byref(options),
                                               C.byref(error))
assert session, error.value

rng = np.random.default_rng(0)
w1 = rng.standard_normal((16, 32)).astype(np.float32) * 0.3
w2 = rng.standard_normal((32, 4)).astype(np.float32) * 0.3
names = (C.c_char_p * 2)(b"w1", b"w2")
params = (Buffer * 2)(buffer(w1), buffer(w2))
mlp = lib.nnjit_session_bind(session, b"mlp", names, params, 2, C.byref(error))
assert mlp, error.value

worst = 0.0
for seed in range(5):
    x = np.random.default_rng(seed + 1).standard_normal((8, 16)).astype(np.float32)
    out = np.zeros((8, 4), np.float32)
    status = lib.nnjit_function_call(mlp, (Buffer * 1)(buffer(x)), 1,
                                     (Buffer * 1)(buffer(out)), 1, C.byref(error))
    assert status == 0, error.value
    want = np.tanh(x.astype(np.float64) @ w1) @ w2
    assert np.all(np.abs(out - want) <= 1e-5 * np.abs(want) + 1e-6), (out, want)
    worst = max(worst, float(np.max(np.abs(out - want))))
print("ctypes: 5 calls match NumPy")
