// nn-train's outputs (--save-params, --history, --step-history, checkpoints)
// follow nn-jit's rules (docs/Training.md, Outputs): none may be a file the
// run reads (the model, --data, --validation-data, --params, --resume;
// compared by device and inode) or another output, checked before training;
// the histories go to temporary files that replace theirs only when the run
// succeeds, so a failed run leaves no partial history and an old one as it
// was.
// RUN: rm -rf %t && mkdir -p %t/run && cd %t/run
// RUN: %python -c "import numpy as np; r = np.random.default_rng(3); x = r.normal(0, 1, (16, 4)).astype(np.float32); np.savez('data.npz', x=x, y=(x @ r.normal(0, 1, (4, 3))).astype(np.float32)); np.savez('init.npz', w=np.zeros((4, 3), np.float32), b=np.zeros(3, np.float32))"
// RUN: cp %s model.mlir && cp data.npz data.before && cp init.npz init.before

// RUN: not nn-train model.mlir --params=@init.npz --data=@data.npz --quiet --history=@data.npz 2>&1 | FileCheck %s --check-prefix=DATA
// DATA: nn-train: error: --history '@data.npz' is the file that --data '@data.npz' reads; the run would replace its own input (write elsewhere)
// RUN: not nn-train model.mlir --params=@init.npz --data=@data.npz --quiet --save-params=@init.npz 2>&1 | FileCheck %s --check-prefix=PARAMS
// PARAMS: nn-train: error: --save-params '@init.npz' is the file that --params '@init.npz' reads
// RUN: not nn-train model.mlir --params=@init.npz --data=@data.npz --quiet --step-history=@model.mlir 2>&1 | FileCheck %s --check-prefix=MODEL
// MODEL: nn-train: error: --step-history '@model.mlir' is the file that the model 'model.mlir' reads
// RUN: not nn-train model.mlir --params=@init.npz --data=@data.npz --quiet --history=@h.csv --step-history=@./h.csv 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: nn-train: error: --step-history '@./h.csv' and --history '@h.csv' are the same file
// RUN: cmp data.npz data.before && cmp init.npz init.before && cmp model.mlir %s

// A checkpoint that would replace the checkpoint the run resumes from.
// RUN: nn-train model.mlir --params=@init.npz --data=@data.npz --quiet --epochs=1 --checkpoint-dir=ckpt
// RUN: mv ckpt/epoch-1.npz ckpt/epoch-2.npz && cp ckpt/epoch-2.npz resume.before
// RUN: not nn-train model.mlir --resume=@ckpt/epoch-2.npz --data=@data.npz --quiet --epochs=3 --checkpoint-dir=ckpt 2>&1 | FileCheck %s --check-prefix=RESUME
// RUN: cmp ckpt/epoch-2.npz resume.before
// RESUME: nn-train: error: checkpoint 'ckpt{{/|\\}}epoch-2.npz' is the file that --resume '@ckpt/epoch-2.npz' reads

// A run that fails after its first epoch (the checkpoint path is a
// directory): no history appears, an old one is left as it was, and no
// temporary file remains.
// RUN: mkdir -p bad/epoch-1.npz && echo old > old.csv
// RUN: not nn-train model.mlir --params=@init.npz --data=@data.npz --quiet --epochs=2 --checkpoint-dir=bad --history=@new.csv --step-history=@old.csv 2>&1 | FileCheck %s --check-prefix=FAILED
// FAILED: nn-train: error: cannot write 'bad{{/|\\}}epoch-1.npz'
// RUN: ls | FileCheck %s --check-prefix=LEFT --implicit-check-not=new.csv --implicit-check-not=tmp
// LEFT: old.csv
// RUN: cat old.csv | FileCheck %s --check-prefix=OLD --match-full-lines
// OLD: old

// A run that succeeds writes both histories.
// RUN: nn-train model.mlir --params=@init.npz --data=@data.npz --quiet --epochs=2 --history=@new.csv --step-history=@old.csv
// RUN: cat new.csv | FileCheck %s --check-prefix=HISTORY
// HISTORY: epoch,loss,val_loss,val_accuracy
// HISTORY-NEXT: {{^}}0,{{[0-9.e+-]+}},,{{$}}
// HISTORY-NEXT: {{^}}1,{{[0-9.e+-]+}},,{{$}}
// RUN: head -n 1 old.csv | FileCheck %s --check-prefix=STEPS --match-full-lines
// STEPS: epoch,step,loss

func.func @loss(%w: tensor<4x3xf32> {nn.name = "w"}, %b: tensor<3xf32> {nn.name = "b"},
                %x: tensor<16x4xf32> {nn.name = "x"}, %y: tensor<16x3xf32> {nn.name = "y"}) -> tensor<f32> {
  %o = nn.dense %x, %w, %b : (tensor<16x4xf32>, tensor<4x3xf32>, tensor<3xf32>) -> tensor<16x3xf32>
  %l = nn.mean_squared_error %o, %y : (tensor<16x3xf32>, tensor<16x3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
