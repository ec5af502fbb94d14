package org.ddrm.baselines.recommender;

import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.sparse.SparseToDense;
import org.tensorflow.types.TFloat32;

/**
 * The item-item co-occurrence matrix of the train data in the graph, {@code G = X^T X} for the
 * binary [users, items] train matrix X: entry (i, j) counts the users with both items, the
 * diagonal each item's popularity. X is made dense in the graph for one multithreaded product
 * (users x items floats while it runs); counts are exact in float32 below 2^24 users.
 */
final class TrainGram {
  private TrainGram() {}

  /** {@code X^T X}, [items, items]. */
  static Operand<TFloat32> of(Ops tf, UserItemMatrix train) {
    long[] indices = new long[2 * train.nnz()];
    int k = 0;
    for (int user = 0; user < train.numUsers(); user++) {
      for (int j = 0; j < train.degree(user); j++) {
        indices[k++] = user;
        indices[k++] = train.item(user, j);
      }
    }
    Operand<TFloat32> x = tf.sparse.sparseToDense(
        tf.constant(Shape.of(train.nnz(), 2), DataBuffers.of(indices, true, false)),
        tf.constant(new long[] {train.numUsers(), train.numItems()}),
        tf.constant(1f), tf.constant(0f), SparseToDense.validateIndices(false));
    return tf.linalg.matMul(x, x, MatMul.transposeA(true));
  }
}
