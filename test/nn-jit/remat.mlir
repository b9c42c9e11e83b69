// remat policies (jax.checkpoint's): under dots_saveable the backward pass
// recomputes gelu, dropout (from its key), layer_norm (its reductions) and
// the bias adds from the kept matmul results; under nothing_saveable it
// recomputes everything from the arguments. The same ops run on the same
// values, so an Adam train step gives the same bits under every policy:
// params, moments, step count and loss. (report-residuals' byte counts
// per policy: FunctionTransforms/residuals.mlir.)
// RUN: rm -rf %t %t.nn-jit-cache && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(7); f = lambda *s: r.standard_normal(s).astype(np.float32); p = dict(w1=f(6, 16) * 0.4, b1=f(16) * 0.1, g=1 + f(16) * 0.1, o=f(16) * 0.1, w2=f(16, 4) * 0.3, b2=f(4) * 0.1); p.update({n + s: np.zeros_like(v) for n, v in list(p.items()) for s in ['.m', '.v']}); p['step'] = np.int32(0); [np.save('%t/%%s.npy' %% n, v) for n, v in p.items()]; np.save('%t/x.npy', f(8, 6)); np.save('%t/labels.npy', r.integers(0, 4, 8).astype(np.int32))"
// RUN: for policy in everything_saveable dots_saveable nothing_saveable; do \
// RUN:   nn-jit %s --cache-dir=%t.nn-jit-cache --training \
// RUN:     --prepare="builtin.module(nn-train-step{function=loss optimizer=adam learning-rate=0.01 remat=$policy})" \
// RUN:     --function=loss_train_step --input=@%t/w1.npy --input=@%t/b1.npy --input=@%t/g.npy --input=@%t/o.npy --input=@%t/w2.npy --input=@%t/b2.npy \
// RUN:     --input=@%t/x.npy --input=@%t/labels.npy --input=key:3 \
// RUN:     --input=@%t/w1.m.npy --input=@%t/b1.m.npy --input=@%t/g.m.npy --input=@%t/o.m.npy --input=@%t/w2.m.npy --input=@%t/b2.m.npy \
// RUN:     --input=@%t/w1.v.npy --input=@%t/b1.v.npy --input=@%t/g.v.npy --input=@%t/o.v.npy --input=@%t/w2.v.npy --input=@%t/b2.v.npy --input=@%t/step.npy \
// RUN:     --output=@%t/$policy.npz > /dev/null || exit 1; done
// RUN: %python %S/../nn-train/Inputs/same_arrays.py %t/everything_saveable.npz %t/dots_saveable.npz | FileCheck %s
// RUN: %python %S/../nn-train/Inputs/same_arrays.py %t/everything_saveable.npz %t/nothing_saveable.npz | FileCheck %s
// CHECK: IDENTICAL 20 arrays
func.func @loss(%w1: tensor<6x16xf32> {nn.name = "w1"}, %b1: tensor<16xf32> {nn.name = "b1"},
                %g: tensor<16xf32> {nn.name = "g"}, %o: tensor<16xf32> {nn.name = "o"},
                %w2: tensor<16x4xf32> {nn.name = "w2"}, %b2: tensor<4xf32> {nn.name = "b2"},
                %x: tensor<8x6xf32>, %labels: tensor<8xi32>, %k: !nn.key) -> tensor<f32> {
  %h = nn.dense %x, %w1, %b1 : (tensor<8x6xf32>, tensor<6x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %a = nn.gelu %h approximation = tanh : tensor<8x16xf32>
  %d = nn.dropout %a, %k rate = 0.25 : tensor<8x16xf32>
  %n = nn.layer_norm %d scale %g offset %o : (tensor<8x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  %y = nn.dense %n, %w2, %b2 : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %l = nn.sparse_softmax_cross_entropy %y, %labels : (tensor<8x4xf32>, tensor<8xi32>) -> tensor<f32>
  return %l : tensor<f32>
}
