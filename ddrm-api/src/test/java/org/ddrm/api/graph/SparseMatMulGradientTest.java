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
}
