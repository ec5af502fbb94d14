package org.ddrm.core.ddrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ddrm.api.nn.StepEmbedding;
import org.ddrm.core.train.TfGraphContext;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class StepEmbeddingTest {
  @Test
  void cosineHalfComesFirstWithGeometricFrequencies() {
    double[] embedding = StepEmbedding.sinusoidal(3, 10);
    for (int j = 0; j < 5; j++) {
      double frequency = Math.pow(10_000, -j / 5.0);
      assertThat(embedding[j]).isCloseTo(Math.cos(3 * frequency), within(1e-12));
      assertThat(embedding[5 + j]).isCloseTo(Math.sin(3 * frequency), within(1e-12));
    }
    assertThat(StepEmbedding.sinusoidal(0, 4)).containsExactly(1, 1, 0, 0);
  }

  @Test
  void anOddWidthEndsWithZero() {
    double[] embedding = StepEmbedding.sinusoidal(2, 5);
    assertThat(embedding[4]).isZero();
    assertThat(embedding[0]).isCloseTo(Math.cos(2), within(1e-12));
    assertThat(embedding[2]).isCloseTo(Math.sin(2), within(1e-12));
  }

  @Test
  void theGraphLooksUpTheSameRows() {
    try (Graph graph = new Graph()) {
      Ops tf = new TfGraphContext(graph, DdrmFixture.twoClusters(), 1).tf();
      Operand<TFloat32> rows = new StepEmbedding(tf, 20, 10).rows(tf, tf.constant(new int[] {7, 19}));
      try (Session session = new Session(graph); Result result = session.runner().fetch(rows).run()) {
        float[] values = DdrmFixture.flat((TFloat32) result.get(0));
        double[] seven = StepEmbedding.sinusoidal(7, 10);
        double[] last = StepEmbedding.sinusoidal(19, 10);
        for (int k = 0; k < 10; k++) {
          assertThat((double) values[k]).isCloseTo(seven[k], within(1e-6));
          assertThat((double) values[10 + k]).isCloseTo(last[k], within(1e-6));
        }
      }
    }
  }
}
