// `wrt` lists argument indices (jax's argnums); an entry that is no index,
// an index out of range or one listed twice is an error at the function,
// with no bare `<unknown>:0: error:` line.
// RUN: not nn-opt %s --nn-jacfwd="function=g wrt=0,2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=RANGE --implicit-check-not='<unknown>'
// RUN: not nn-opt %s --nn-jacfwd="function=g wrt=0,a" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ENTRY --implicit-check-not='<unknown>'
// RUN: not nn-opt %s --nn-jacfwd="function=g wrt=1,1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=TWICE --implicit-check-not='<unknown>'
// RUN: not nn-opt %s --nn-jacfwd="function=g wrt=-1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NEGATIVE --implicit-check-not='<unknown>'
// RUN: not nn-opt %s --nn-jvp="function=g wrt=x" -o /dev/null 2>&1 | FileCheck %s --check-prefix=JVP --implicit-check-not='<unknown>'
// RUN: not nn-opt %s --nn-jvp="function=g wrt=0,0" -o /dev/null 2>&1 | FileCheck %s --check-prefix=JVPTWICE --implicit-check-not='<unknown>'
// RUN: not nn-opt %s --nn-jvp="function=g wrt=5" -o /dev/null 2>&1 | FileCheck %s --check-prefix=JVPRANGE --implicit-check-not='<unknown>'

// RANGE: wrt-invalid.mlir:[[@LINE+8]]:1: error: nn-jacfwd: argument 2 does not exist (@g has 2 arguments)
// ENTRY: wrt-invalid.mlir:[[@LINE+7]]:1: error: nn-jacfwd: wrt entry 'a' is not an argument index (e.g. wrt=1,2)
// TWICE: wrt-invalid.mlir:[[@LINE+6]]:1: error: nn-jacfwd: argument 1 is listed twice in wrt
// NEGATIVE: error: nn-jacfwd: wrt entry '-1' is not an argument index (e.g. wrt=1,2)
// JVP: wrt-invalid.mlir:[[@LINE+4]]:1: error: nn-jvp: wrt entry 'x' is not an argument index (e.g. wrt=0,2)
// JVPTWICE: error: nn-jvp: argument 0 is listed twice in wrt
// JVPRANGE: error: nn-jvp: argument 5 does not exist (@g has 2 arguments)

func.func @g(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
