package org.ddrm.core.evaluation;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The exact top-k of each row of a [rows, chunks x width] score matrix without running top-k over
 * every column: each row's columns are cut into {@code chunks} consecutive chunks of
 * {@code width}; the chunks holding the k best chunk maxima are the only ones that can hold a
 * row's k best columns, and top-k runs over those k x width candidates alone.
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
 * costs about twice the scoring product itself.
 */
final class ChunkedTopK {
  /** The chunk width the evaluator uses. */
  static final int DEFAULT_WIDTH = 64;

  /** How many chunks per listed item make the chunked selection worth its extra ops. */
  private static final int CHUNKS_PER_LISTED_ITEM = 4;

  private final Operand<TFloat32> values;
  private final Operand<TInt32> indices;

  /**
   * @param scores [rows, chunks * width]
   * @param chunks the number of chunks per row
   * @param width the columns per chunk
   * @param k the list length, at most {@code chunks} when fed
   */
  ChunkedTopK(Ops tf, Operand<TFloat32> scores, int chunks, int width, Operand<TInt32> k) {
    Ops s = tf.withSubScope("chunked_top_k");
    Operand<TFloat32> blocks = s.reshape(scores, s.constant(new int[] {-1, chunks, width}));
    Operand<TFloat32> maxima = s.reduceMax(blocks, s.constant(2));
    Operand<TInt32> bestChunks = s.nn.topK(maxima, k, new TopK.Options[0]).indices();
    Operand<TInt32> ascending =
        s.math.neg(s.nn.topK(s.math.neg(bestChunks), k, new TopK.Options[0]).values());
    Operand<TFloat32> candidates = s.reshape(
        s.gather(blocks, ascending, s.constant(1), Gather.batchDims(1L)),
        s.stack(java.util.List.of(s.constant(-1), s.math.mul(k, s.constant(width)))));
    TopK<TFloat32, TInt32> best =
        s.nn.topK(candidates, k, new TopK.Options[] {TopK.sorted(true)});
    Operand<TInt32> width32 = s.constant(width);
    Operand<TInt32> chunkOfBest = s.gather(ascending, s.math.floorDiv(best.indices(), width32),
        s.constant(1), Gather.batchDims(1L));
    this.values = best.values();
    this.indices = s.math.add(s.math.mul(chunkOfBest, width32),
        s.math.floorMod(best.indices(), width32));
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
