package org.ddrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class UserRowsTest {
  // Users 0..3 over 4 items; user 2 has no items. The batch is users 3, 0, 2.
  private static final UserItemMatrix MATRIX = UserItemMatrix.of(4, 4,
      Interactions.of(new int[] {0, 0, 1, 3, 3, 3}, new int[] {1, 3, 0, 0, 1, 2}));
  private static final int[] BATCH = {3, 0, 2};
  private static final float[][] WEIGHT = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};

  @Test
  void theSparseProductOfTheBinaryRowsEqualsTheDenseOne() {
    float[][][] products = run((tf, rows, weight) -> new Operand<?>[] {
        rows.times(tf, rows.ones(tf), weight), tf.linalg.matMul(rows.rows(), weight)});
    assertClose(products[0], products[1]);
    // User 3's row holds items 0, 1, 2: (1 + 3 + 5, 2 + 4 + 6); user 2's row is empty.
    assertThat(products[0][0]).containsExactly(9f, 12f);
    assertThat(products[0][2]).containsExactly(0f, 0f);
  }

  @Test
  void theNormalizedValuesMakeUnitRows() {
    float[][][] products = run((tf, rows, weight) -> {
      Operand<TFloat32> dense = rows.rows();
      Operand<TFloat32> norms = tf.math.sqrt(tf.math.maximum(
          tf.reduceSum(tf.math.square(dense), tf.constant(1)), tf.constant(1e-12f)));
      Operand<TFloat32> unit = tf.math.div(dense, tf.expandDims(norms, tf.constant(1)));
      return new Operand<?>[] {rows.times(tf, rows.l2NormalizedValues(tf), weight),
          tf.linalg.matMul(unit, weight)};
    });
    assertClose(products[0], products[1]);
    assertThat(products[0][1][0]).isCloseTo((3 + 7) / (float) Math.sqrt(2), within(1e-5f));
  }

  @Test
  void theWeightGradientOfTheSparseProductEqualsTheDenseOne() {
    float[][][] gradients = run((tf, rows, weight) -> {
      Operand<TFloat32> scale = tf.constant(new float[][] {{0.5f, -1}, {2, 0.25f}, {3, 3}});
      return new Operand<?>[] {
          gradient(tf, tf.math.mul(scale, rows.times(tf, rows.ones(tf), weight)), weight),
          gradient(tf, tf.math.mul(scale, tf.linalg.matMul(rows.rows(), weight)), weight)};
    });
    assertClose(gradients[0], gradients[1]);
    // Item 2 is in user 3's row only (batch row 0): its gradient is that row's scale.
    assertThat(gradients[0][2]).containsExactly(0.5f, -1f);
  }

  private static Operand<TFloat32> gradient(Ops tf, Operand<TFloat32> y, Operand<TFloat32> x) {
    Operand<TFloat32> sum = tf.reduceSum(y, tf.constant(new int[] {0, 1}));
    Output<?> output = ((Graph) tf.scope().env())
        .addGradients(sum.asOutput(), new Output<?>[] {x.asOutput()})[0];
    @SuppressWarnings("unchecked")
    Operand<TFloat32> gradient = (Operand<TFloat32>) output;
    return gradient;
  }

  private interface Products {
    Operand<?>[] build(Ops tf, UserRows rows, Operand<TFloat32> weight);
  }

  /** Builds, feeds BATCH's rows of MATRIX and fetches each operand as a matrix. */
  private static float[][][] run(Products products) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      UserRows rows = UserRows.placeholders(tf, "rows", MATRIX.numItems());
      Operand<?>[] fetches = products.build(tf, rows, tf.constant(WEIGHT));
      Session.Runner runner = session.runner();
      for (Operand<?> fetch : fetches) {
        runner.fetch(fetch);
      }
      try (AutoCloseable fed = rows.feed(runner, MATRIX, BATCH); Result result = runner.run()) {
        float[][][] values = new float[fetches.length][][];
        for (int f = 0; f < fetches.length; f++) {
          TFloat32 tensor = (TFloat32) result.get(f);
          int n = (int) tensor.shape().get(0);
          int m = (int) tensor.shape().get(1);
          float[] flat = new float[n * m];
          tensor.copyTo(DataBuffers.of(flat, false, false));
          values[f] = new float[n][m];
          for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * m, values[f][r], 0, m);
          }
        }
        return values;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void assertClose(float[][] actual, float[][] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int r = 0; r < expected.length; r++) {
      for (int c = 0; c < expected[r].length; c++) {
        assertThat(actual[r][c]).as("(%d, %d)", r, c).isCloseTo(expected[r][c], within(1e-5f));
      }
    }
  }
}
