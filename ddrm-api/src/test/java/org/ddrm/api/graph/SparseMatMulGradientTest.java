package org.ddrm.api.graph;

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

class SparseMatMulGradientTest {
  @Test
  void eachStoredValueGetsTheInnerProductOfItsOutputRowGradientAndItsInputRow() {
    SparseMatMulGradient.ensureRegistered();
    // A = [[v0, 0, v1], [0, v2, 0]] (2 x 3), B (3 x 2), y = sum(G * (A B)).
    long[] indices = {0, 0, 0, 2, 1, 1};
    float[][] b = {{1, 2}, {3, 4}, {5, 6}};
    float[][] g = {{0.5f, -1}, {2, 0.25f}};
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      SparseMatrix a = SparseMatrix.constant(tf, indices, new float[] {1, 2, 3}, 2, 3);
      Operand<TFloat32> values = tf.constant(new float[] {1, 2, 3});
      Operand<TFloat32> y = tf.reduceSum(
          tf.math.mul(tf.constant(g), a.withValues(values).times(tf, tf.constant(b))),
          tf.constant(new int[] {0, 1}));
      Output<?> gradient = graph.addGradients(y.asOutput(), new Output<?>[] {values.asOutput()})[0];
      try (Result result = session.runner().fetch(gradient).run()) {
        float[] actual = new float[3];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(actual, false, false));
        // <g_0, b_0> = 0.5 - 2, <g_0, b_2> = 2.5 - 6, <g_1, b_1> = 6 + 1.
        assertThat(actual[0]).isCloseTo(-1.5f, within(1e-6f));
        assertThat(actual[1]).isCloseTo(-3.5f, within(1e-6f));
        assertThat(actual[2]).isCloseTo(7f, within(1e-6f));
      }
    }
  }

  @Test
  void theCsrProductTrainsLikeTheCooProductWhenOneMatrixServesTwoProducts() {
    // With trained values each CSR product converts the matrix itself; constant values share
    // one conversion (the next test).
    SparseMatMulGradient.ensureRegistered();
    // A (2 x 3) as above and its transpose A^T (3 x 2) in its own row-major order; y sums
    // G * (A (A^T (A B))), so A's CSR form feeds two products and A^T's one.
    long[] indices = {0, 0, 0, 2, 1, 1};
    long[] transposed = {0, 0, 1, 1, 2, 0};
    float[][] b = {{1, 2}, {3, 4}, {5, 6}};
    float[][] g = {{0.5f, -1}, {2, 0.25f}};
    float[][] csr = gradients(indices, transposed, b, g, true);
    float[][] coo = gradients(indices, transposed, b, g, false);
    for (int k = 0; k < coo.length; k++) {
      for (int j = 0; j < coo[k].length; j++) {
        assertThat(csr[k][j]).as("gradient %d, entry %d", k, j).isCloseTo(coo[k][j], within(1e-4f));
      }
    }
    assertThat(coo[0]).isNotEqualTo(new float[3]);
  }

  @Test
  void constantValuesShareOneCsrFormAndTheDenseInputStillTrains() {
    SparseMatMulGradient.ensureRegistered();
    long[] indices = {0, 0, 0, 2, 1, 1};
    long[] transposed = {0, 0, 1, 1, 2, 0};
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      SparseMatrix a = SparseMatrix.constant(tf, indices, new float[] {1, 2, 3}, 2, 3);
      SparseMatrix at = SparseMatrix.constant(tf, transposed, new float[] {1, 3, 2}, 3, 2);
      Operand<TFloat32> dense = tf.identity(tf.variable(tf.constant(new float[][] {{1}, {1}, {1}})));
      Operand<TFloat32> y = tf.reduceSum(a.times(tf, at.times(tf, a.times(tf, dense, at), a), at),
          tf.constant(new int[] {0, 1}));
      long conversions = java.util.stream.StreamSupport.stream(
              java.util.Spliterators.spliteratorUnknownSize(graph.operations(), 0), false)
          .filter(op -> op.type().equals("SparseTensorToCSRSparseMatrix")).count();
      assertThat(conversions).isEqualTo(2);
      Output<?> gradient = graph.addGradients(y.asOutput(), new Output<?>[] {dense.asOutput()})[0];
      try (Result result = session.runner().fetch(gradient).run()) {
        float[] actual = new float[3];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(actual, false, false));
        // y = 1^T A A^T A b, so dy/db = A^T A A^T 1: A^T 1 = (1, 3, 2), A A^T 1 = (5, 9),
        // A^T (5, 9) = (5, 27, 10).
        assertThat(actual).containsExactly(5f, 27f, 10f);
      }
    }
  }

  /** The gradients of y with respect to A's values and to B, flattened, by either kernel. */
  private static float[][] gradients(long[] indices, long[] transposed, float[][] b,
      float[][] g, boolean csr) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> values = tf.identity(tf.variable(tf.constant(new float[] {1, 2, 3})));
      // A^T's values are A's in A^T's order: entries (0,0), (1,1), (2,0) are A's 0, 2, 1.
      Operand<TFloat32> transposedValues =
          tf.gather(values, tf.constant(new int[] {0, 2, 1}), tf.constant(0));
      SparseMatrix a = SparseMatrix.constant(tf, indices, new float[3], 2, 3).withValues(values);
      SparseMatrix at =
          SparseMatrix.constant(tf, transposed, new float[3], 3, 2).withValues(transposedValues);
      Operand<TFloat32> dense = tf.identity(tf.constant(b));
      Operand<TFloat32> product = csr
          ? a.times(tf, at.times(tf, a.times(tf, dense, at), a), at)
          : a.times(tf, at.times(tf, a.times(tf, dense)));
      Operand<TFloat32> y = tf.reduceSum(tf.math.mul(tf.constant(g), product),
          tf.constant(new int[] {0, 1}));
      Output<?>[] gradients =
          graph.addGradients(y.asOutput(), new Output<?>[] {values.asOutput(), dense.asOutput()});
      try (Result result = session.runner().fetch(gradients[0]).fetch(gradients[1]).run()) {
        float[] valuesGradient = new float[3];
        float[] denseGradient = new float[6];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(valuesGradient, false, false));
        ((TFloat32) result.get(1)).copyTo(DataBuffers.of(denseGradient, false, false));
        return new float[][] {valuesGradient, denseGradient};
      }
    }
  }
}
