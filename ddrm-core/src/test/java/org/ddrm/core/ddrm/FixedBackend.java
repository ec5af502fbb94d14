package org.ddrm.core.ddrm;

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

/** A tiny MF-like backend whose tables start from fixed Java-drawn normal values. */
final class FixedBackend implements EmbeddingBackend {
  private final Ops tf;
  private final int dim;
  private final Variable<TFloat32> users;
  private final Variable<TFloat32> items;
  private final Operand<TFloat32> userView;
  private final Operand<TFloat32> itemView;
  private final float[][] userValues;
  private final float[][] itemValues;

  FixedBackend(Ops root, int numUsers, int numItems, int dim, long seed) {
    this.tf = root.withSubScope("fixed_backend");
    this.dim = dim;
    SplittableRandom random = new SplittableRandom(seed);
    this.userValues = normal(random, numUsers, dim);
    this.itemValues = normal(random, numItems, dim);
    this.users = tf.withName("users").variable(constant(tf, userValues));
    this.items = tf.withName("items").variable(constant(tf, itemValues));
    this.userView = tf.identity(users);
    this.itemView = tf.identity(items);
  }

  private static float[][] normal(SplittableRandom random, int rows, int dim) {
    float[][] values = new float[rows][dim];
    for (float[] row : values) {
      for (int k = 0; k < dim; k++) {
        row[k] = (float) (0.5 * random.nextGaussian());
      }
    }
    return values;
  }

  private static Operand<TFloat32> constant(Ops tf, float[][] values) {
    float[] flat = new float[values.length * values[0].length];
    for (int r = 0; r < values.length; r++) {
      System.arraycopy(values[r], 0, flat, r * values[r].length, values[r].length);
    }
    return tf.constant(Shape.of(values.length, values[0].length), DataBuffers.of(flat));
  }

  float[][] userValues() {
    return userValues;
  }

  float[][] itemValues() {
    return itemValues;
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
    return RankingOps.l2(tf, 1e-4f, batch.users(), RankingOps.rows(tf, userView, batch.users()));
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return List.of(users, items);
  }
}
