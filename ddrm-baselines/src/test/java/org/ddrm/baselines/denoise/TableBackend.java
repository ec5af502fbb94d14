package org.ddrm.baselines.denoise;

import java.util.List;
import java.util.SplittableRandom;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** An MF backend for tests: trainable tables starting from normal values drawn in Java. */
final class TableBackend implements EmbeddingBackend {
  private final Ops tf;
  private final int dim;
  private final Variable<TFloat32> users;
  private final Variable<TFloat32> items;
  private final Operand<TFloat32> userView;
  private final Operand<TFloat32> itemView;

  TableBackend(Ops root, int numUsers, int numItems, int dim, double std, long seed) {
    this.tf = root.withSubScope("table_backend");
    this.dim = dim;
    SplittableRandom random = new SplittableRandom(seed);
    this.users = tf.withName("users").variable(normal(random, numUsers, dim, std));
    this.items = tf.withName("items").variable(normal(random, numItems, dim, std));
    this.userView = tf.identity(users);
    this.itemView = tf.identity(items);
  }

  private Operand<TFloat32> normal(SplittableRandom random, int rows, int dim, double std) {
    float[] values = new float[rows * dim];
    for (int k = 0; k < values.length; k++) {
      values[k] = (float) (std * random.nextGaussian());
    }
    return tf.constant(Shape.of(rows, dim), DataBuffers.of(values));
  }

  @Override
  public Operand<TFloat32> userEmbeddings() {
    return userView;
  }

  @Override
  public Operand<TFloat32> itemEmbeddings() {
    return itemView;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public Operand<TFloat32> regularization(TripleBatch batch) {
    return RankingOps.l2(tf, 1e-4f, batch.users(), RankingOps.rows(tf, userView, batch.users()),
        RankingOps.rows(tf, itemView, batch.positives()),
        RankingOps.rows(tf, itemView, batch.negatives()));
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return List.of(users, items);
  }
}
