package org.ddrm.core.evaluation;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unique;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The exact top-k of each row of a [rows, chunks x width] score matrix, with some (row, column)
 * pairs masked to -infinity, without running top-k over every column and without copying the
 * matrix to mask it: each row's columns are cut into {@code chunks} consecutive chunks of
 * {@code width}; the chunks holding the k best chunk maxima are the only ones that can hold a
 * row's k best columns, and top-k runs over those k x width candidates alone.
 *
 * <p>Masking touches only the chunks that hold masked pairs: those chunks are gathered (once per
 * (row, chunk)), masked, and their maxima replace the unmasked maxima; the selected candidates
 * then take the masked copies of the chunks among them. The maxima and candidates are thus
 * exactly those of the masked matrix, and the result is exactly its top-k.
 *
 * <p>Exact, ties included, under the order top-k uses (higher value first, then lower column):
 * order chunks by their best column under that order; a column outside the k best chunks has k
 * chunks whose best columns precede it, so it is not among the k best. The candidates are laid
 * out in ascending chunk order, so that top-k's lower-position-first tie rule over them is the
 * lower-column-first rule over the row. (Rows holding NaN are outside this argument; the
 * evaluator reports them.)
 *
 * <p>It pays when the chunks far outnumber k ({@link #pays}): one streaming maximum over the
 * scores replaces top-k's per-column work, which at Amazon-book size (178k items, k = 100)
 * costs about twice the scoring product itself, and the masked copy of the scores, a third of it.
 */
final class ChunkedTopK {
  /** The chunk width the evaluator uses. */
  static final int DEFAULT_WIDTH = 64;

  /** How many chunks per listed item make the chunked selection worth its extra ops. */
  private static final int CHUNKS_PER_LISTED_ITEM = 4;

  private final Operand<TFloat32> values;
  private final Operand<TInt32> indices;

  /**
   * @param scores [rows, chunks * width], unmasked
   * @param maskPairs [n, 2] (row, column) pairs to rank as -infinity; repeats allowed
   * @param chunks the number of chunks per row
   * @param width the columns per chunk
   * @param k the list length, at most {@code chunks} when fed
   */
  ChunkedTopK(Ops tf, Operand<TFloat32> scores, Operand<TInt32> maskPairs, int chunks, int width,
      Operand<TInt32> k) {
    Ops s = tf.withSubScope("chunked_top_k");
    Operand<TInt32> width32 = s.constant(width);
    Operand<TInt32> chunks32 = s.constant(chunks);
    Operand<TFloat32> blocks = s.reshape(scores, s.constant(new int[] {-1, chunks, width}));

    // the chunks holding masked pairs, each (row, chunk) once, masked in a copy of their own
    Operand<TInt32> maskRows = column(s, maskPairs, 0);
    Operand<TInt32> maskColumns = column(s, maskPairs, 1);
    Unique<TInt32, TInt32> hit = s.unique(
        s.math.add(s.math.mul(maskRows, chunks32), s.math.floorDiv(maskColumns, width32)),
        s.constant(new int[] {0}), TInt32.class);
    Operand<TInt32> hitRows = s.math.floorDiv(hit.y(), chunks32);
    Operand<TInt32> hitAt = pairs(s, hitRows, s.math.floorMod(hit.y(), chunks32));
    Operand<TFloat32> hitBlocks = s.tensorScatterNdUpdate(s.gatherNd(blocks, hitAt),
        pairs(s, hit.idx(), s.math.floorMod(maskColumns, width32)),
        s.fill(s.shape(maskRows), s.constant(Float.NEGATIVE_INFINITY)));
    Operand<TFloat32> maxima = s.tensorScatterNdUpdate(s.reduceMax(blocks, s.constant(2)), hitAt,
        s.reduceMax(hitBlocks, s.constant(1)));

    Operand<TInt32> bestChunks = s.nn.topK(maxima, k, new TopK.Options[0]).indices();
    Operand<TInt32> ascending =
        s.math.neg(s.nn.topK(s.math.neg(bestChunks), k, new TopK.Options[0]).values());
    Operand<TFloat32> candidates = s.gather(blocks, ascending, s.constant(1), Gather.batchDims(1L));

    // each masked chunk's slot among its row's candidates (k: not a candidate), its copy put there
    Operand<TInt32> rowCount = s.slice(s.shape(scores), s.constant(new int[] {0}),
        s.constant(new int[] {1}));
    Operand<TInt32> zeros = s.zerosLike(ascending);
    Operand<TInt32> rowOfSlot = s.math.add(zeros,
        s.expandDims(s.range(s.constant(0), s.reshape(rowCount, s.constant(new int[0])),
            s.constant(1)), s.constant(1)));
    Operand<TInt32> slot = s.math.add(zeros,
        s.expandDims(s.range(s.constant(0), k, s.constant(1)), s.constant(0)));
    Operand<TInt32> slotOfChunk = s.tensorScatterNdUpdate(
        s.fill(s.concat(List.of(rowCount, s.constant(new int[] {chunks})), s.constant(0)), k),
        s.stack(List.of(rowOfSlot, ascending), Stack.axis(2L)), slot);
    Operand<TInt32> hitSlots = s.gatherNd(slotOfChunk, hitAt);
    Operand<TFloat32> spare = s.fill(s.concat(List.of(rowCount, s.constant(new int[] {1, width})),
        s.constant(0)), s.constant(Float.NEGATIVE_INFINITY));
    Operand<TFloat32> maskedCandidates = s.tensorScatterNdUpdate(
        s.concat(List.of(candidates, spare), s.constant(1)), pairs(s, hitRows, hitSlots),
        hitBlocks);
    Operand<TFloat32> flat = s.reshape(
        s.slice(maskedCandidates, s.constant(new int[] {0, 0, 0}),
            s.stack(List.of(s.constant(-1), k, s.constant(-1)))),
        s.stack(List.of(s.constant(-1), s.math.mul(k, width32))));

    TopK<TFloat32, TInt32> best = s.nn.topK(flat, k, new TopK.Options[] {TopK.sorted(true)});
    Operand<TInt32> chunkOfBest = s.gather(ascending, s.math.floorDiv(best.indices(), width32),
        s.constant(1), Gather.batchDims(1L));
    this.values = best.values();
    this.indices = s.math.add(s.math.mul(chunkOfBest, width32),
        s.math.floorMod(best.indices(), width32));
  }

  /** Column {@code c} of an [n, 2] matrix, [n]. */
  private static Operand<TInt32> column(Ops s, Operand<TInt32> pairs, int c) {
    return s.reshape(s.slice(pairs, s.constant(new int[] {0, c}), s.constant(new int[] {-1, 1})),
        s.constant(new int[] {-1}));
  }

  /** [n] and [n] side by side, [n, 2]. */
  private static Operand<TInt32> pairs(Ops s, Operand<TInt32> first, Operand<TInt32> second) {
    return s.stack(List.of(first, second), Stack.axis(1L));
  }

  /** Whether a row of {@code chunks} chunks is worth the chunked selection for lists of {@code k}. */
  static boolean pays(int chunks, int k) {
    return chunks >= CHUNKS_PER_LISTED_ITEM * k;
  }

  /** The number of chunks of {@code width} that cover {@code columns}. */
  static int chunksOf(int columns, int width) {
    return (columns + width - 1) / width;
  }

  /** The best values of each row, descending, [rows, k]. */
  Operand<TFloat32> values() {
    return values;
  }

  /** Their columns, [rows, k]. */
  Operand<TInt32> indices() {
    return indices;
  }
}
