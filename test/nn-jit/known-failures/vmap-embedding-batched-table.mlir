// KNOWN FAILURE (op-coverage.test): nn-vmap of nn.embedding with a batched
// table (one table per example, e.g. an ensemble) fails, with the ids
// shared or batched:
//   error: nn-vmap: a batched tensor captured by a linalg.generic body is not supported
// (batched ids with a shared table work: transforms-sequences.mlir).
// Expected by hand, ids [2, 0, 3] into tables [[0, 1], [2, 3], [4, 5], [6, 7]]
// and that plus 8: [[4, 5], [0, 1], [6, 7]] and [[12, 13], [8, 9], [14, 15]].
// XFAIL: *
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/want.npy', np.array([[[4, 5], [0, 1], [6, 7]], [[12, 13], [8, 9], [14, 15]]], np.float32))"
// RUN: nn-jit %s --prepare='builtin.module(nn-vmap{function=f in-axes=none,0 batch=2})' --function=f_vmap \
// RUN:   --input=3xi32=2,0,3 --input=2x4x2xf32=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 --output=@%t/out.npy > /dev/null
// RUN: %python %S/../Inputs/compare_npy.py %t/out.npy %t/want.npy 0 0 | FileCheck %s
// CHECK: MATCH 12 values
func.func @f(%ids: tensor<3xi32>, %table: tensor<4x2xf32>) -> tensor<3x2xf32> {
  %0 = nn.embedding %ids, %table : (tensor<3xi32>, tensor<4x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
