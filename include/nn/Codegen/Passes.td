//===- Passes.td - nn CPU code generation passes -----------*- tablegen -*-===//
//
// Part of the nn-mlir project.
//
// Code generation follows "decide, then lower": one pass chooses tile sizes
// and writes them onto the ops; the passes after it only read them.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CODEGEN_PASSES_TD
#define NN_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def NNSpecializeContractionsPass
    : Pass<"nn-specialize-contractions", "::mlir::func::FuncOp"> {
  let summary = "Turn matrix products written as linalg.generic into linalg.matmul";
  let description = [{
    The matmul strategy (register and cache tiles, vector.contract) applies
    to `linalg.matmul`; a product written as a `linalg.generic` would run as
    scalar loops. Reverse mode writes all of its products that way: the
    function transformations work on a generalized copy, and a dense
    layer's gradients are the products `G W^T` (input) and `X^T G`
    (weights). This pass recognizes a generic over two parallel loops and a
    reduction whose body is `out + x * y` (any other body ops dead), with
    x indexed by the output's row loop and the reduction and y by the
    reduction and the output's column loop, in either order each, and
    rewrites it into `linalg.transpose` of the factors stored the other way
    round plus `linalg.matmul` on the same init. A generic that writes one
    scalar everywhere becomes `linalg.fill`, the accumulator's initial value
    the strategy and tile-and-fuse recognize.

    ```mlir
    // dW[k, n] = sum_m X[m, k] G[m, n]
    %dw = linalg.generic {indexing_maps = [(k, n, m) -> (m, k), (k, n, m) -> (m, n),
                                           (k, n, m) -> (k, n)], ...}
        ins(%x, %g) outs(%zeros) { out + x * g }
    // becomes
    %xt = linalg.transpose ins(%x) outs(%empty) permutation = [1, 0]
    %dw = linalg.matmul ins(%xt, %g) outs(%zeros)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNSplitRaggedMatmulsPass
    : Pass<"nn-split-ragged-matmuls", "::mlir::func::FuncOp"> {
  let summary = "Peel the rows and columns of a matmul that register tiles do not divide";
  let description = [{
    A static matmul whose N (or M) is larger than the register tile but not a
    multiple of it (N = 1000 or 1023 with 32-column tiles) becomes two: the
    largest multiple of the tile, and the remaining columns (rows), each
    computed on slices and inserted into the accumulator, recursively. Where
    no multiple of the register tile up to 256 beyond a few divides the size
    (992 = 32 x 31), the first split is at cache-tile granularity (256
    columns, 64 rows), so the bulk also gets wide cache tiles; a ragged
    column edge ends as one 16-lane vector plus the rest. The bulk then runs
    on full 8 x 32 register tiles instead of a narrow or odd-width tile for
    the whole matrix. A zero-filled accumulator is filled part by part, so
    that each part's fill fuses into its tiles. A matmul no wider than one
    register tile whose columns end in a partial vector register
    (`vector-lanes`) and with at least a register tile of rows is computed
    on whole registers instead: B (and an accumulator that is not a fill)
    padded with zero columns, the result sliced back (10 columns as 16 with
    6 x 16 tiles on AVX2, 7 as 8, the edge 31 of N = 1023 as 32); a bound
    kernel in panels (nn-pack-bound-weights) is not copied: the wider matmul
    reads the padding columns of its last panel, which only reach columns
    of the result that are dropped. Each output is the same sum in the same
    order. LLVM turns a matmul on 10- or
    12-lane rows of 8-lane registers into element inserts and spills, and
    splitting them (10 = 8 + 2) makes a second pass over A with as many
    FMAs as the first. With fewer rows (the matmul streams B, which padding
    would copy) such columns are split into whole registers and the rest.
  }];
  let options = [
    Option<"registerTileRows", "register-tile-rows", "int64_t", "8",
           "Rows of the matmul register tile (M)">,
    Option<"registerTileCols", "register-tile-cols", "int64_t", "32",
           "Columns of the matmul register tile (N)">,
    Option<"vectorLanes", "vector-lanes", "int64_t", "16",
           "f32 lanes of one vector register of the target">,
  ];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def NNPackBoundWeightsPass
    : Pass<"nn-pack-bound-weights", "::mlir::ModuleOp"> {
  let summary = "Lay bound dense kernels out in column panels, once, at bind time";
  let description = [{
    For every public function, each argument marked `nn.bound` (a parameter
    bound to a Session: its value is fixed for many calls) that is a static
    rank-2 `nn.dense` kernel [K, N] (used by nothing else) other than one
    of exactly one panel or of at most half a panel (padding would more than
    double what a matmul of few rows streams), is passed in the layout the
    matmul kernel reads: [ceil(N / w), K, w], each column panel of w =
    `panel-width` columns contiguous over all of K, the last one padded
    with zero columns (N = 10, 100 or 1000 with w = 16). The function takes
    that layout and reads the kernel through a `linalg.unpack` that drops
    the padding (which nn-tile-and-fuse folds into slices of the panels,
    whole panels or the part of one a ragged edge needs, so no copy of B is
    made per call); a new
    public function `<name>.pack_weights` takes the kernels as given (same
    `nn.name`s) and returns them in panel layout, for the runtime to call
    once when the parameters are bound. Functions with no such argument are
    left as they are.
  }];
  let options = [
    Option<"panelWidth", "panel-width", "int64_t", "32",
           "Columns of a panel: the matmul register tile's columns (N)">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNSplitReductionStreamsPass
    : Pass<"nn-split-reduction-streams", "::mlir::func::FuncOp"> {
  let summary = "Read a big reduction over an outer loop as several streams";
  let description = [{
    A `linalg.generic` that reduces one loop other than its innermost (pooling
    over time: [batch, time, features] to [batch, features]) with a float sum
    `out + v` or a masked one `c ? out + v : out`, c and v computed from its
    inputs alone, and that reads at least `min-bytes`, is rewritten to
    reduce `streams` contiguous parts of that loop side by side: its inputs
    indexed by the loop become `streams` slices along it and the loop's
    extent shrinks by that factor. Each step adds the parts' values in a
    pairwise tree, `out + ((v0 + v1) + (v2 + v3))`, or applies each part's
    masked step in turn. One core reads several streams faster than one
    (Zen 4: a sum of 128 MiB of rows read as 4 streams 21.7-24.0 GB/s, as
    one 18.6-20.3), and the accumulators stay those of one part (no more
    registers). The order of the sum changes, fixed by the shapes as
    before; the loop's extent must divide by `streams`. Maxima are left
    alone (a masked maximum pool over 4 streams ran 11% slower).
  }];
  let options = [
    Option<"streams", "streams", "int64_t", "4",
           "Parts of the reduction loop read side by side (1: none)">,
    Option<"minBytes", "min-bytes", "int64_t", "1048576",
           "Smallest reduction (bytes of its inputs) to split">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNWriteDonatedInPlacePass
    : Pass<"nn-write-donated-in-place", "::mlir::func::FuncOp"> {
  let summary = "Compute each donated result into its argument (before "
                "tiling)";
  let description = [{
    Runs on linalg on tensors, before tiling. For each result of a function
    marked `nn.donated_from = <argument>` (the nn dialect's result
    attribute; nn-train-step marks the updated parameters and optimizer
    state), the op that computes it takes the argument as its destination:

    * an all-parallel `linalg.generic` that reads the argument element for
      element and writes the result element for element (identity maps, its
      init unread) takes the argument as that init and reads it through the
      output block argument, as an optimizer update does:

      ```mlir
      %w1 = linalg.generic ins(%w, %g : ...) outs(%empty : ...) {
      ^bb0(%p: f32, %d: f32, %out: f32): ... f(%p, %d)
      // becomes
      %w1 = linalg.generic ins(%g : ...) outs(%w : ...) {
      ^bb0(%d: f32, %p: f32): ... f(%p, %d)
      ```

    * a `tensor.from_elements` (Adam's step count) becomes a
      `tensor.insert` of each element into the argument.

    One-shot bufferization then writes the argument's buffer in place: each
    element is read before it is written, by the same loop iteration, and
    the forward and backward passes read the argument before the update.
    That is bufferization's own analysis to prove; where it cannot (the old
    value is read after the update), it writes a copy, and
    nn-drop-donated-results still leaves the result in the argument.

    Every tensor argument of a public function is also marked for
    bufferization: `bufferization.writable = true` if donated, `false`
    otherwise, so a buffer the caller did not donate is never written.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NNEpilogueInPlacePass : Pass<"nn-epilogue-in-place", "::mlir::func::FuncOp"> {
  let summary = "Let a contraction's elementwise epilogue write into its accumulator";
  let description = [{
    An all-parallel `linalg.generic` that reads a contraction's result (its
    only use) element for element and never reads its own init (bias,
    activation) is rewritten to take that result as its init and read it
    through the output block argument. Bufferization then computes the
    matmul and its epilogue in one buffer, the function's result, instead
    of an intermediate per cache tile; and threads sharing the cache tiles
    share no scratch memory.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def NNSelectLoweringStrategyPass
    : Pass<"nn-select-lowering-strategy", "::mlir::func::FuncOp"> {
  let summary = "Choose tile sizes for every linalg op (the strategy step)";
  let description = [{
    Writes a `#nn.lowering_config` as the `nn.lowering_config` attribute of
    every statically shaped linalg op of the function. This is the one place
    where tile sizes are decided:

    * matmul: a register tile of `register-tile-rows` x `register-tile-cols`
      (shrunk to the largest divisors of M and N, so every tile is full and
      static; with fewer rows, as for a batch of 1, the columns grow by the
      same factor, up to a multiple of `register-tile-cols` dividing N, so
      that as many independent accumulators hide the FMA latency), and a
      reduction step of 1 on k so that the accumulator tile stays in vector
      registers; around it cache tiles (multiples of the
      register tile dividing M and N, k blocked where K does not fit) so
      that the B block (kc x nc) and the A block (mc x kc) fill at most an
      eighth of `l2-cache-bytes` each; where A's rows lie a power-of-two
      stride apart, so that L2's sets would keep fewer rows than that, the A
      block is copied into a contiguous buffer per cache tile and k block
      (`copied_operands = [0]`) instead of taking fewer rows, and the cache
      tile then spans up to `copied-a-cache-tile-cols` columns (B's block
      streams panel by panel through L1 and needs no room in L2), so that
      each A block is copied once, not once per 256 columns; a
      matmul of at least `parallel-min-flops` is cut into at least
      `parallel-min-tiles` cache tiles (rows first) for the threads, and
      into a multiple of that many unless there are at least 4 per thread
      (3 tiles would leave one of 2 threads idle a third of the time),
      narrowing such wide column tiles back to 256 first;
    * an elementwise op that consumes a matmul (bias, activation): the same
      register and cache tiles as that matmul, so that the matmul fuses into
      its loops;
    * any other op: one row at a time on outer parallel loops and, when
      the innermost loop is parallel, the largest divisor of it up to
      `vector-width` lanes (a reduction over the innermost loop, a
      softmax's row max, runs one row at a time: vectorized across rows it
      would be read as a block and transposed, which costs LLVM 2-5x the
      compile time of the whole softmax; a row longer than 4 vectors is
      reduced in chunks of the largest divisor up to that, 64 lanes at the
      default width, one partial accumulator per lane, the same order on
      every target); one of at least `parallel-min-points` iterations gets cache
      tiles on its outermost parallel loop for threads: 2 to 64 chunks, and
      where one index of that loop spans rows of at most half of
      `l1-cache-bytes` of f32 iterations (4096 wide), chunks no larger, so that what a
      row's fused ops pass each other (a softmax's exponentials, a
      layer_norm's centred row) stays in L1 and only the input and the
      output cross memory; in a row group (an op reducing its innermost
      loop, or reading such an op's result: a softmax's division) whose rows
      have at least 16 elements, one row per chunk, so that each thread
      takes rows one after another and nn-prefetch-rows and
      nn-pipeline-row-stores overlap a row's memory traffic with the next
      row's compute (softmax over [16384, 1024] on one Zen 4 core: 12.1 ->
      5.9 ms with 4 rows per chunk before; [65536, 256]: 28 -> 7 ms);
      reduction loops are left whole,
      except when the innermost loop
      is parallel (pooling over time): then the reductions step by 1 and the
      innermost tile grows to 16 vectors, so a whole row of accumulators
      stays in registers while contiguous rows stream in;
    * an elementwise op whose result exactly one such chunked row reduction
      reads whole, and only ops read (a softmax's exponentials, summed and
      divided; not a value the function returns): no register tiles of
      its own (`tile_sizes` all 0; with `fuse-into-reduction-chunks`), so
      that `nn-tile-and-fuse` computes it chunk by chunk inside that
      reduction's loop, storing each chunk for its other users (the
      division) while the sum adds it from registers, instead of a loop of
      its own whose row the sum reads back; only where a chunk is at most 4
      registers of `target-vector-lanes` (an exp of 64 lanes keeps about 6
      values live: 24 of AVX-512's 32 zmm registers, but 48 of AVX2's 16 ymm;
      a rule from the register count, not measured on an AVX2 core).
  }];
  let options = [
    Option<"registerTileRows", "register-tile-rows", "int64_t", "8",
           "Rows of the matmul register tile (M)">,
    Option<"registerTileCols", "register-tile-cols", "int64_t", "32",
           "Columns of the matmul register tile (N)">,
    Option<"vectorWidth", "vector-width", "int64_t", "16",
           "f32 lanes of the target's vector registers (16 for AVX-512)">,
    Option<"l1CacheBytes", "l1-cache-bytes", "int64_t", "49152",
           "Bytes of one core's L1 data cache (row groups' budget)">,
    Option<"l2CacheBytes", "l2-cache-bytes", "int64_t", "2097152",
           "Bytes of one core's L2 cache (the cache tiles' budget)">,
    Option<"copiedACacheTileCols", "copied-a-cache-tile-cols", "int64_t",
           "2048",
           "Widest cache tile of a matmul's N where its A block is copied">,
    Option<"fuseIntoReductionChunks", "fuse-into-reduction-chunks", "bool",
           "true",
           "Leave an elementwise op read by a chunked row reduction to be "
           "computed in that reduction's chunks">,
    Option<"targetVectorLanes", "target-vector-lanes", "int64_t", "16",
           "f32 lanes of one of the target's vector registers (8 for AVX2)">,
    Option<"parallelMinFlops", "parallel-min-flops", "int64_t", "4194304",
           "Smallest matmul (2*M*N*K) cut into tiles for several threads">,
    Option<"parallelMinTiles", "parallel-min-tiles", "int64_t", "2",
           "Cache tiles a matmul of at least parallel-min-flops is cut into">,
    Option<"parallelMinPoints", "parallel-min-points", "int64_t", "262144",
           "Smallest iteration space of other ops cut into tiles for threads">,
  ];
  let dependentDialects = ["::mlir::nn::NNDialect"];
}

def NNTileAndFusePass : Pass<"nn-tile-and-fuse", "::mlir::func::FuncOp"> {
  let summary = "Tile linalg ops as their lowering configs say and fuse producers";
  let description = [{
    Visits the ops that carry an `nn.lowering_config`, consumers first. Ops
    with `cache_tile_sizes` are first tiled with them into one `scf.forall`
    (the loop threads share), fusing their producers, those with several
    users included: each user fuses a copy of the same slice and the copies
    are merged, so that a softmax's or layer_norm's ops share one cache tile
    per row and each value is computed once; a `tensor.pad` (a matmul's B
    padded to whole vector registers) fuses too, so each thread pads its own
    slice rather than one thread padding all of it before the parallel
    loop. Cache tiles of reduction loops (a matmul's k blocks) become an
    `scf.for` carrying the accumulator; where that accumulator is a
    `linalg.fill` and the register tiles fuse (no copied panels of B), the
    first k block is taken out in front of the loop, so that its register
    tiles fuse the fill and start their accumulators in registers, with no
    tile of C filled and read back. Then every op is tiled with its
    `tile_sizes` into `scf.for` loops (inside its cache tile), and the
    linalg ops producing its operands (a matmul and its `linalg.fill`
    feeding a bias / activation, an elementwise op feeding a reduction) are
    fused into the tile loops, except producers with other users (computed
    once, as their own op) and producers whose slice stays the same along a
    tile loop (a row's max or sum, never recomputed per column tile). Then
    every tiled op with non-zero `reduction_tile_sizes` gets its reduction
    loops tiled by those steps, fusing the elementwise ops producing its
    inputs; one that the strategy left without register tiles of its own
    (a softmax's exponentials: `tile_sizes` all 0) fuses although it has
    other users, into the register tiles and then the chunks of the
    reduction that reads it directly (never through another producer), and
    the loops also yield its tiles, which its other users after the loops
    read.
    The configs are removed at the end.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect"];
}

def NNFoldUnitDimsPass : Pass<"nn-fold-unit-dims", "::mlir::func::FuncOp"> {
  let summary = "Drop the unit loops of tiled linalg ops, keeping accumulators in place";
  let description = [{
    Tiles of one row (or one step of a reduction) become lower-rank ops on
    rank-reducing slices, so the vectors nn-vectorize makes stay 1-D / 2-D.
    This is upstream's `linalg-fold-unit-extent-dims` with
    `use-rank-reducing-slices`, without its last rewrite: upstream moves the
    `outs` of an elementwise op that reads them into its inputs and gives it
    a new `tensor.empty`. A reduction over the outermost loop (softmax over
    axis 0, a loss summed over the batch inside a time loop) is tiled with
    one step per iteration of an `scf.for` carrying its accumulator; once
    its unit loop is gone it is such an elementwise op, and moving the
    carried accumulator would make each iteration write a new tensor, which
    one-shot bufferization rejects ("Yield operand #0 is not equivalent to
    the corresponding iter bbArg"). Kept in `outs`, the accumulator is
    updated in place.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def NNVectorizePass : Pass<"nn-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Vectorize statically shaped linalg ops";
  let description = [{
    Rewrites every linalg op whose iteration space is static and holds at
    most `max-vector-elements` points into vector ops (`vector.contract` for
    contractions, elementwise vector arithmetic and `vector.multi_reduction`
    otherwise), then hoists loop-invariant transfer pairs so that
    accumulators become loop-carried vectors. Larger ops are left for the
    scalar fallback: vectorizing an untiled big op produces a huge vector
    that LLVM compiles very slowly.
  }];
  let options = [
    Option<"maxVectorElements", "max-vector-elements", "int64_t", "4096",
           "Largest iteration space (in points) turned into one vector op">,
  ];
  let dependentDialects = ["::mlir::vector::VectorDialect"];
}

def NNCollapseParallelRowsPass
    : Pass<"nn-collapse-parallel-rows", "::mlir::func::FuncOp"> {
  let summary = "Take a row group's rows in order over several outer dims";
  let description = [{
    Runs on bufferized code, after `scf.forall` became `scf.parallel`. A
    row group over more than two dims (a softmax over the last axis of
    [B, H, S, S], a layer_norm of [B, S, D]) has one row per tile on every
    outer dim (nn-select-lowering-strategy), so its parallel loop has
    several dims. Where something in such a loop reads a row of a function
    argument at exactly its induction variables (`x[i, j, c]`), the dims
    are collapsed into one over the rows in order (the indices become
    quotients and remainders of the row number by constants). Each thread
    then takes consecutive rows, and
    nn-prefetch-rows and nn-pipeline-row-stores, which work on
    one-dimensional row loops, apply. (On one Zen 4 core, [64, 512, 512]:
    softmax 9.7 ms with a batch of 512 rows per tile, 6.0 ms one row per
    tile collapsed; layer_norm 8.4 -> 4.8 ms.)
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect"];
}

def NNPrefetchRowsPass : Pass<"nn-prefetch-rows", "::mlir::func::FuncOp"> {
  let summary = "Prefetch later rows while a row group computes on its row";
  let description = [{
    Runs on bufferized code, after `scf.forall` became `scf.parallel`. In a
    one-dimensional parallel loop over rows (a softmax's or layer_norm's
    row group), the first inner loop that reads a row of a function argument
    waits on memory, while the loops after it find the row in L1. The loops
    that read the same row again also prefetch, with each read, columns of the
    row `rows-ahead` row tiles further on (`memref.prefetch` into L2, one per
    cache line; the last rows prefetch the last row), so that the next rows
    stream in while the group computes on its own instead of during the next
    row's first pass. With `share-among-passes`, the k re-reading loops each
    prefetch a k-th of that row (a read at column c, the lines from column
    c / k + i * columns / k in the i-th loop), so the prefetches are spread
    over all the compute; else (or where k does not divide the columns) the
    first re-reading loop prefetches the whole row. (layer_norm [4096, 4096]
    on one Zen 4 core: 0.86-0.88 of the time with the row shared between the
    variance and normalizing passes. Prefetching into L1 evicted the group's
    own row: a light pass, layer_norm's centring, ran slower with it. One
    row tile ahead rather than 2: softmax 0.87-0.93 of the time on 1 and 2
    threads, layer_norm 0.92-0.94 on 1 thread, on Zen 4.)
  }];
  let options = [
    Option<"rowsAhead", "rows-ahead", "int64_t", "1",
           "How many row tiles ahead to prefetch">,
    Option<"shareAmongPasses", "share-among-passes", "bool", "true",
           "Spread the rows ahead over every pass that reads the row again">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def NNKeepWideLoopsRolledPass
    : Pass<"nn-keep-wide-loops-rolled", "::mlir::func::FuncOp"> {
  let summary = "Keep LLVM from unrolling loops whose iterations read wide rows";
  let description = [{
    Runs on vector code after the transfers are lowered, before scf-to-cf.
    An innermost `scf.for` whose body reads at least `min-bytes` with vector
    reads per iteration (pooling over time: one 256-lane row of 16
    accumulators per step) already has all the independent work a core can
    overlap; LLVM's unroller would only copy it, and the scheduler then
    emits each copy's loads in the opposite order to the last (down a row,
    then up the next), which the hardware prefetchers follow poorly. Such
    loops get `loop_annotation = #llvm.loop_annotation<unroll = <disable =
    true>>`, which scf-to-cf and cf-to-llvm carry onto the loop's back edge
    (`!llvm.loop` with `llvm.loop.unroll.disable`). Unmasked average pooling
    [256, 512, 256] on one thread: 14.8 -> 7.0 ms.
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", "1024",
           "Bytes read per iteration from which a loop stays rolled">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def NNPrefetchStreamsPass : Pass<"nn-prefetch-streams", "::mlir::func::FuncOp"> {
  let summary = "Prefetch ahead of compute-bound loops that stream a large input";
  let description = [{
    Runs on bufferized code. An innermost `scf.for` that reads a large
    buffer (at least `min-bytes`, static shape, identity layout: a function
    argument, a view of the workspace) one row vector per iteration, moving along its last dimension, and
    computes at least `min-ops-per-line` vector operations per cache line it
    reads (dropout: the 20 rounds of threefry, ~95 per line) runs far behind
    memory: the hardware prefetcher, paced by demand misses, stays only a few
    lines ahead, and each line's latency adds to the compute instead of
    overlapping it. Each such read also prefetches (`memref.prefetch`, one
    per cache line) the line `distance-bytes` further on in the argument,
    flattened (at most its last element). Light loops, bound by memory
    already, are left to the hardware prefetcher; reads a row group repeats
    from cache are `nn-prefetch-rows`' business.

    A reduction loop (one carrying vector accumulators) that reads, at step
    k, a short piece (at most an eighth) of row k of a buffer whose rows
    are at least 1 KiB apart, the other indices fixed, is a matmul kernel
    reading its register tile's columns of B in place (B given per call
    and not copied into panels: a cache tile of fewer than 8 register
    rows). Each row piece is a new line or two 1 KiB or more from the last,
    which the hardware prefetchers do not follow, and the row tiles of a
    cache tile each read them again from L2. Such a read also prefetches
    the same columns `strided-rows-ahead` rows further on (at most the last
    row).

    A reduction loop whose vector accumulators start from a read of a 2-D
    row tile (a subview whose row offset is the induction variable of the
    loop right around it: a matmul's register tiles of C, one per row step)
    is preceded by a prefetch for writing of every line of the next row
    tile (`next-accumulators`), so that the next register tile's loads of C,
    rows often a power of two apart and evicted since the last k block,
    find them in cache instead of waiting at its start.
  }];
  let options = [
    Option<"distanceBytes", "distance-bytes", "int64_t", "2048",
           "How far ahead (bytes) to prefetch">,
    Option<"minBytes", "min-bytes", "int64_t", "4194304",
           "Smallest argument (bytes) prefetched ahead">,
    Option<"minOpsPerLine", "min-ops-per-line", "int64_t", "32",
           "Fewest vector operations per cache line read that make a loop "
           "compute-bound">,
    Option<"stridedRowsAhead", "strided-rows-ahead", "int64_t", "8",
           "Rows ahead that reduction loops prefetch the short pieces of "
           "strided rows they read (0: none)">,
    Option<"nextAccumulators", "next-accumulators", "bool", "true",
           "Reduction loops starting from a row tile's accumulators prefetch "
           "the next row tile's">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def NNPipelineRowStoresPass
    : Pass<"nn-pipeline-row-stores", "::mlir::func::FuncOp"> {
  let summary = "Store a row group's output while the next row computes";
  let description = [{
    Runs on bufferized code, in public functions, before nn-stream-stores.
    A one-dimensional parallel loop over rows (a softmax's or layer_norm's
    row group) ends with a pass that only writes the row's output, one cache
    line per iteration (the loops nn-stream-stores matches), to an output of
    at least `min-bytes`. Run as it is, the core first computes (the memory
    system idles but for prefetches) and then stores a whole row with
    non-temporal stores (the core waits for the write-combining buffers to
    drain). Here the rows are taken in blocks of `rows-per-block`, each
    block in order on one thread, and the last pass of row r - 1 runs inside
    the last loop before it of row r (same columns, a step that is a multiple
    of the store's): row r - 1's lines stream out while row r computes.

    Row r's buffers (its `memref.alloca`s) and the values the last pass reads
    that are computed per row (layer_norm's mean) alternate between two
    copies, carried by the block's `scf.for`; row-independent addresses are
    recomputed for row r - 1; prefetches in the moved pass keep the row
    being computed as their base, so that they stay as far ahead in time.
    The values, and the order of every reduction, are unchanged: the result
    is bit-identical. A block's first row only computes, its last row's
    pass runs alone after the loop, then a store fence (x86 `sfence`).

    A host loop without math functions (layer_norm's variance) is bound by
    its loads; it takes the store only where both loops read at most
    `l1-cache-bytes` per row (layer_norm over rows of 4096 reads 64 KiB
    there, and ran 0.90-0.94 of the time unpipelined; rows of 256 to 1024
    1.08-1.9x slower unpipelined). Softmax's exponentials always take it.

    The stores are non-temporal and aligned, only of rows of at least
    `min-row-bytes` (as nn-stream-stores) and only of outputs whose rows
    are a whole number of cache lines apart; where the output's address is
    not a multiple of the cache line, the loop is left as it was
    (nn-stream-stores then handles it). Row groups of several rows per tile
    (their passes loop over the tile's rows) are left alone. (nn-bench-ab on Zen 4, 1 / 2
    threads: softmax [4096, 4096] 0.78 / 0.80 of the time; one thread,
    layer_norm [16384, 1024] 0.92, [65536, 256] 0.52.)
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", "4194304",
           "Smallest output (bytes) whose rows are stored during the next "
           "row's compute">,
    Option<"rowsPerBlock", "rows-per-block", "int64_t", "16",
           "Rows a thread takes in order, overlapping each row's stores "
           "with the next row's compute">,
    Option<"minRowBytes", "min-row-bytes", "int64_t", "1024",
           "Shortest output row (bytes) stored with non-temporal stores">,
    Option<"l1CacheBytes", "l1-cache-bytes", "int64_t", "49152",
           "L1 data cache (bytes) that a host loop without math functions "
           "and the store it takes must read within">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def NNStreamStoresPass : Pass<"nn-stream-stores", "::mlir::func::FuncOp"> {
  let summary = "Store large outputs with non-temporal (streaming) stores";
  let description = [{
    Runs on bufferized code, in public functions. An output (an argument
    marked `bufferize.result`) of at least `min-bytes` is far larger than
    the caches: ordinary stores first read each line they write (read for
    ownership) and evict useful data to hold it. A loop
    `for c = 0 to N step V` that stores one cache line (V elements) of an
    output row per iteration, where nothing reads the output, is rewritten
    to store the row's aligned lines with non-temporal stores
    (`vector.store {nontemporal = true, alignment = 64}`). The row's
    address is known only at run time. Where every read and store moves
    with c along the last dimension and nothing else sees c, a row that
    does not start on a line has its first and last lines take an iteration
    each with plain stores (they overlap the aligned lines, which store the
    same values again; on a row that starts on a line they would only make
    the core read back lines it streamed: softmax over [32768, 512], 17.6 ->
    7.5 ms), and a row whose address is not a multiple of the element size
    keeps the loop as it was. Any other loop (random bits of the flat
    index, reads elsewhere) streams only rows that start on a cache line,
    and keeps the loop for the others. A store fence (x86 `sfence`) after
    each row orders its non-temporal stores before the thread's later
    stores (the join of a parallel loop, a flag another thread waits on).
    Rows shorter than `min-row-bytes` keep plain stores: the fence waits
    for the row's lines to reach memory (softmax and layer_norm over rows of
    64 and 128 f32 ran 1.1-3x slower streamed).
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", "4194304",
           "Smallest output (bytes) stored with non-temporal stores">,
    Option<"minRowBytes", "min-row-bytes", "int64_t", "1024",
           "Shortest output row (bytes) stored with non-temporal stores">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def NNLowerVectorsPass : Pass<"nn-lower-vectors", "::mlir::func::FuncOp"> {
  let summary = "Lower high-level vector ops into FMAs, loads and stores";
  let description = [{
    Runs on bufferized code: hoists redundant transfers out of loops, lowers
    `vector.contract` into `vector.outerproduct` and then `vector.fma`
    (the accumulator tile stays in registers, one FMA per row of the tile),
    `vector.multi_reduction` into lane-wise arithmetic, simplifies
    transfer permutations into broadcasts and transposes, rewrites f32
    `math.exp` into a range reduction and a degree-6 polynomial (within
    1.4 ulp for results of at least 2^-125.5, 0 below, +inf above FLT_MAX,
    NaN kept; 15 operations and 12 constants, so 8-lane vectors stay in
    AVX2's registers), or with `exp-table-avx512` into a reduction by
    ln 2 / 16, 2^(j/16) from a 16-entry table (one `vpermd` per 16 lanes)
    and a degree-3 polynomial (within 1.1 ulp for results of at least
    2^-125, 0 below; 7 multiplications and FMAs instead of 10, which bound
    a softmax's exponentials on one 512-bit FMA a cycle), `math.tanh` /
    `math.erf` into upstream's polynomials,
    and turns `math.fma` / `math.floor` / `math.sqrt` into the LLVM
    intrinsics (one vector instruction each, not a libm call per lane).
    Transposes become shuffles (64 of whole rows for a 16x16 f32 one). A
    select on one bit for every lane (a per-step mask over a row of
    features, from a broadcast or a comparison of one) becomes
    `(a & m) | (b & ~m)` on the lanes' bits with m the bit sign-extended
    (`a & m` when b is +0): the same bits, without the branch or the
    lane-by-lane mask LLVM would build.
    Finally, a loop-carried n-D vector (a register tile's accumulators)
    becomes one 1-D loop-carried vector per row, since LLVM's vectors are
    1-D:

    ```mlir
    scf.for ... iter_args(%acc = %init) -> (vector<2x16xf32>)
    // becomes
    scf.for ... iter_args(%r0 = %init0, %r1 = %init1)
        -> (vector<16xf32>, vector<16xf32>)
    ```
  }];
  let options = [
    Option<"expTableAvx512", "exp-table-avx512", "bool", "false",
           "Lower f32 exp through a 16-entry table looked up with AVX-512's "
           "vpermd (the code must run on AVX-512)">,
  ];
  let dependentDialects = ["::mlir::vector::VectorDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::ub::UBDialect"];
}

def NNLowerStridedCopiesPass
    : Pass<"nn-lower-strided-copies", "::mlir::func::FuncOp"> {
  let summary = "Turn copies between non-contiguous buffers into loops";
  let description = [{
    Bufferization copies into and out of strided views (a column of a
    matrix). `memref.copy` of contiguous buffers becomes a `memcpy`, but a
    strided one would call the `memrefCopy` runtime function, which a
    compiled function must not need: it becomes a `linalg.copy` (and so
    loops) instead.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def NNDistinctReturnedBuffersPass
    : Pass<"nn-distinct-returned-buffers", "::mlir::func::FuncOp"> {
  let summary = "Give each result of a bufferized function a buffer of its "
                "own";
  let description = [{
    Runs on bufferized code, right before `buffer-results-to-out-params`.
    A buffer returned more than once (a value the function returns twice, or
    two results that canonicalization folded into one buffer) is returned
    once; each later occurrence returns a fresh buffer with a copy:

    ```mlir
    return %alloc, %alloc : memref<3x5xf32>, memref<3x5xf32>
    // becomes
    %copy = memref.alloc() : memref<3x5xf32>
    memref.copy %alloc, %copy : memref<3x5xf32> to memref<3x5xf32>
    return %alloc, %copy : memref<3x5xf32>, memref<3x5xf32>
    ```

    Upstream's `buffer-results-to-out-params{hoist-static-allocs}` in
    LLVM 22 replaces and erases a returned `memref.alloc` once per result
    and so reads the erased op for the second one (a crash, or heap
    corruption in a release build; docs/UpstreamBugs.md has the
    reproducer).
    After this pass, the hoisted allocation becomes the first result's
    out-parameter, and the copy is written into the second one.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def NNDropDonatedResultsPass
    : Pass<"nn-drop-donated-results", "::mlir::ModuleOp"> {
  let summary = "Donated results stay in their argument buffers: no "
                "out-parameter, no copy";
  let description = [{
    Runs on bufferized code, before `buffer-results-to-out-params`. A
    function result marked `nn.donated_from = <argument>` is erased: its
    value is in the argument's buffer, which the caller owns and keeps, so
    it becomes no out-parameter and nothing is copied. The compiled
    function then takes its arguments and the out-parameters of the other
    results only; a runtime reads the donations from the function before
    lowering (the JIT's FunctionSignature).

    Normally bufferization returned the argument itself
    (nn-write-donated-in-place). Where it returned another buffer (it could
    not update in place), that buffer is copied into the argument before the
    function returns; a result that returns the argument's own buffer (its
    old value) is first copied aside, since the argument then changes.

    A function with donated results that the module calls is an error: its
    callers would lose those results.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def NNAllocateWorkspacePass
    : Pass<"nn-allocate-workspace", "::mlir::ModuleOp"> {
  let summary = "Place the intermediate buffers of entry functions in one "
                "caller-provided workspace";
  let description = [{
    Runs on bufferized code, before buffer deallocation. In every public
    function, each statically shaped `memref.alloc` whose buffer does not
    escape (is not returned, yielded or passed to a call) becomes a
    `memref.view` at a fixed, 64-byte aligned offset of a new last argument,
    `memref<N x i8> {nn.workspace}`. N is also emitted as the constant
    global `_nn_workspace_size_<function>`, so a runtime can allocate the
    workspace once per thread instead of calling malloc on every call. A
    buffer allocated inside a loop gets one slot, reused by every iteration
    (it does not escape the iteration). A buffer allocated inside a parallel
    loop (`scf.forall`, `scf.parallel`) needs one copy per thread instead:
    up to 64 KiB it becomes a `memref.alloca` at the start of the parallel
    loop's body (on the stack of the thread running the iteration, reused by
    the sequential loops inside), larger ones stay heap allocations.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // NN_CODEGEN_PASSES_TD
