package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * ItemKNN's weights in the graph (the item-based CF of Sarwar et al. 2001 as "Are we really making
 * much progress?" runs it): the cosine similarity of two items' user columns with shrinkage,
 * {@code s_ij = g_ij / (sqrt(g_ii) sqrt(g_jj) + shrink)} with {@code G = X^T X}, no self-similarity,
 * and for each item j only its {@code k} most similar items i kept ({@code W[i, j] = s_ij}); a
 * user's score of j is the sum of W[i, j] over their train items i.
 */
final class ItemKnn {
  private ItemKnn() {}

  /** The [items, items] neighbour weights W. */
  static Operand<TFloat32> weights(Ops tf, UserItemMatrix train, int neighbours, float shrink) {
    int items = train.numItems();
    int k = Math.min(neighbours, items);
    Operand<TFloat32> gram = TrainGram.of(tf, train);
    Operand<TFloat32> norms = tf.math.sqrt(tf.linalg.tensorDiagPart(gram));
    Operand<TFloat32> denominator = tf.math.add(
        tf.math.mul(tf.expandDims(norms, tf.constant(1)), tf.expandDims(norms, tf.constant(0))),
        tf.constant(shrink + 1e-6f));
    Operand<TFloat32> similarity = tf.linalg.matrixSetDiag(
        tf.math.div(gram, denominator), tf.zeros(tf.constant(new int[] {items}), TFloat32.class),
        tf.constant(0));
    // Similarity is symmetric: row j holds item j's similarity to every item i.
    TopK<TFloat32, TInt32> nearest = tf.nn.topK(similarity, tf.constant(k), TInt32.class);
    Operand<TInt32> rowIds = tf.tile(tf.expandDims(tf.range(tf.constant(0), tf.constant(items),
        tf.constant(1)), tf.constant(1)), tf.constant(new int[] {1, k}));
    Operand<TInt32> coordinates = tf.stack(List.of(rowIds, nearest.indices()),
        Stack.axis(2L));
    Operand<TFloat32> kept = tf.scatterNd(coordinates, nearest.values(),
        tf.constant(new int[] {items, items}));
    return tf.linalg.transpose(kept, tf.constant(new int[] {1, 0}));
  }
}
