package org.ddrm.api.nn;

import org.ddrm.api.RankingOps;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The sinusoidal step embedding of DiffRec and DDRM, cos half first: for {@code half = dim / 2}
 * and frequencies {@code f_j = exp(-ln(10000) j / half)}, the embedding of step t is
 * {@code [cos(t f_0) .. cos(t f_{half-1}), sin(t f_0) .. sin(t f_{half-1})]}, with a trailing 0
 * when {@code dim} is odd. The graph looks rows up in a constant table over every step used.
 */
public final class StepEmbedding {
  static final double MAX_PERIOD = 10_000;

  private final Operand<TFloat32> table;
  private final int dim;

  /** Adds the table of steps 0..steps-1 to the graph as a constant. */
  public StepEmbedding(Ops tf, int steps, int dim) {
    if (dim < 1) {
      throw new IllegalArgumentException("step embedding width must be at least 1, got " + dim);
    }
    float[] values = new float[steps * dim];
    for (int t = 0; t < steps; t++) {
      double[] row = sinusoidal(t, dim);
      for (int k = 0; k < dim; k++) {
        values[t * dim + k] = (float) row[k];
      }
    }
    this.table = tf.constant(Shape.of(steps, dim), DataBuffers.of(values, true, false));
    this.dim = dim;
  }

  /** The embedding of one step. */
  public static double[] sinusoidal(int step, int dim) {
    int half = dim / 2;
    double[] embedding = new double[dim];
    for (int j = 0; j < half; j++) {
      double argument = step * Math.exp(-Math.log(MAX_PERIOD) * j / half);
      embedding[j] = Math.cos(argument);
      embedding[half + j] = Math.sin(argument);
    }
    return embedding;
  }

  public int dimension() {
    return dim;
  }

  /** The embeddings of the given steps, shape [B, dim]. */
  public Operand<TFloat32> rows(Ops tf, Operand<TInt32> steps) {
    return RankingOps.rows(tf, table, steps);
  }
}
