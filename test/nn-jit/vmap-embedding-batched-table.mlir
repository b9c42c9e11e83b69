// nn-vmap of nn.embedding with a batched table (one table per example, e.g.
// an ensemble): the body gathers from each example's own table. With the
// ids shared, then batched. Expected by hand: ids [2, 0, 3] into tables
// [[0, 1], [2, 3], [4, 5], [6, 7]] and that plus 8: [[4, 5], [0, 1],
// [6, 7]] and [[12, 13], [8, 9], [14, 15]]; ids [1, 1, 0] for the second
// table: [[10, 11], [10, 11], [8, 9]]. (Batched ids with a shared table:
// transforms-sequences.mlir.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/want.npy', np.array([[[4, 5], [0, 1], [6, 7]], [[12, 13], [8, 9], [14, 15]]], np.float32))"
// RUN: nn-jit %s --cache-dir=%t.nn-jit-cache --prepare='builtin.module(nn-vmap{function=f in-axes=none,0 batch=2})' --function=f_vmap \
// RUN:   --input=3xi32=2,0,3 --input=2x4x2xf32=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 --output=@%t/out.npy > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/out.npy %t/want.npy 0 0 | FileCheck %s
// RUN: %python -c "import numpy as np; np.save('%t/want2.npy', np.array([[[4, 5], [0, 1], [6, 7]], [[10, 11], [10, 11], [8, 9]]], np.float32))"
// RUN: nn-jit %s --cache-dir=%t.nn-jit-cache --prepare='builtin.module(nn-vmap{function=f in-axes=0,0 batch=2})' --function=f_vmap \
// RUN:   --input=2x3xi32=2,0,3,1,1,0 --input=2x4x2xf32=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 --output=@%t/out2.npy > /dev/null
// RUN: %python %S/Inputs/compare_npy.py %t/out2.npy %t/want2.npy 0 0 | FileCheck %s
// CHECK: MATCH 12 values
func.func @f(%ids: tensor<3xi32>, %table: tensor<4x2xf32>) -> tensor<3x2xf32> {
  %0 = nn.embedding %ids, %table : (tensor<3xi32>, tensor<4x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
