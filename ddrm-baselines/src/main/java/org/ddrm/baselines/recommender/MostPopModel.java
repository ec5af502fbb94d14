package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * MostPop: every user gets the same scores, each item's number of train users; the evaluator
 * masks a user's own train items, so each user sees the most popular items they have not seen.
 */
final class MostPopModel extends OnePassModel {
  private final Ops tf;
  private final Variable<TFloat32> popularity;
  private final int items;

  MostPopModel(ModelGraph graph, String name) {
    super(name);
    this.tf = graph.tf().withSubScope(name);
    UserItemMatrix train = graph.dataset().trainMatrix();
    float[] counts = new float[train.numItems()];
    for (int user = 0; user < train.numUsers(); user++) {
      for (int k = 0; k < train.degree(user); k++) {
        counts[train.item(user, k)]++;
      }
    }
    this.items = counts.length;
    this.popularity = tf.withName("popularity").variable(
        tf.constant(Shape.of(1, counts.length), DataBuffers.of(counts, true, false)));
  }

  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    Operand<TInt32> rows = tf.reshape(tf.shape.size(tf.shape(users), tf.constant(0)),
        tf.constant(new int[] {1}));
    return tf.broadcastTo(popularity,
        tf.concat(List.of(rows, tf.constant(new int[] {items})), tf.constant(0)));
  }
}
