//===- NpyHeader.h - the header dictionary of a .npy file -------*- C++ -*-===//
//
// Part of the nn-mlir project.
//
//===----------------------------------------------------------------------===//

#ifndef NN_LIB_JIT_NPYHEADER_H
#define NN_LIB_JIT_NPYHEADER_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace nn::jit::internal {

/// What a .npy header says, as np.load reads it.
struct NpyHeader {
  /// The dtype descriptor, when it is a string ('<f4').
  std::string descr;
  /// The descriptor is a list, tuple, set or dict: a structured or
  /// sub-array dtype.
  bool structuredDescr = false;
  bool fortranOrder = false;
  /// Each dimension as written; negative ones included.
  llvm::SmallVector<int64_t, 4> shape;
};

/// np.load's limit on the header's length, in characters.
constexpr size_t kMaxNpyHeaderChars = 10000;

/// Parses the header text of a .npy file as np.load (NumPy 1.24, Python
/// 3.11) does: a Python literal, as ast.literal_eval reads it, that is a
/// dict of exactly 'descr', 'fortran_order' (a bool) and 'shape' (a tuple
/// of ints that fit in int64). `formatVersion` is the format's major
/// version: 1 and 2 are Latin-1, where numpy first drops Python 2's `L`
/// suffix of integers; 3 is UTF-8. The error says what is wrong.
llvm::Expected<NpyHeader> parseNpyHeader(llvm::StringRef header,
                                         unsigned formatVersion);

/// Appends code point `c` to `out` as UTF-8.
void appendUTF8(std::string &out, uint32_t c);

} // namespace nn::jit::internal

#endif // NN_LIB_JIT_NPYHEADER_H
