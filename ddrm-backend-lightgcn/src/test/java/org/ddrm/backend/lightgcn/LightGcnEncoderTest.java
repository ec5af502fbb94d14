package org.ddrm.backend.lightgcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ddrm.api.graph.UserItemTables;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

class LightGcnEncoderTest {
  private static final int U = LightGcnFixture.USERS;
  private static final int N = LightGcnFixture.USERS + LightGcnFixture.ITEMS;
  private static final int D = LightGcnFixture.DIM;

  /** Layers 0..L of the stacked layer-0 tables under the dense adjacency. */
  private static double[][][] denseLayers(LightGcnFixture f, int layers) {
    double[][] a = f.denseAdjacency();
    double[][][] out = new double[layers + 1][][];
    out[0] = LightGcnFixture.stack(f.fetch(f.encoder.layer0().users()),
        f.fetch(f.encoder.layer0().items()));
    for (int l = 1; l <= layers; l++) {
      out[l] = LightGcnFixture.times(a, out[l - 1]);
    }
    return out;
  }

  private static void assertRows(UserItemTables tables, LightGcnFixture f, double[][] expected) {
    double[][] actual = LightGcnFixture.stack(f.fetch(tables.users()), f.fetch(tables.items()));
    for (int r = 0; r < N; r++) {
      for (int c = 0; c < D; c++) {
        assertThat(actual[r][c]).as("row %d col %d", r, c).isCloseTo(expected[r][c], within(1e-5));
      }
    }
  }

  @Test
  void meanPoolingAveragesTheDensePropagationLayers() {
    try (LightGcnFixture f = new LightGcnFixture(Map.of("layers", "3"))) {
      double[][][] layers = denseLayers(f, 3);
      double[][] expected = new double[N][D];
      for (double[][] layer : layers) {
        for (int r = 0; r < N; r++) {
          for (int c = 0; c < D; c++) {
            expected[r][c] += layer[r][c] / 4;
          }
        }
      }
      assertRows(f.encoder.encode(), f, expected);
    }
  }

  @Test
  void normalizedSumAddsLayerZeroAndTheUnitRowsOfEveryPropagatedLayer() {
    try (LightGcnFixture f = new LightGcnFixture(
        Map.of("layers", "2", "pooling", "normalized_sum"))) {
      double[][] a = f.denseAdjacency();
      double[][] layer = denseLayers(f, 0)[0];
      double[][] expected = new double[N][];
      for (int r = 0; r < N; r++) {
        expected[r] = layer[r].clone();
      }
      for (int l = 1; l <= 2; l++) {
        // each propagated layer is normalised, and the normalised table is propagated on
        layer = LightGcnFixture.times(a, layer);
        for (int r = 0; r < N; r++) {
          double norm = Math.sqrt(layer[r][0] * layer[r][0] + layer[r][1] * layer[r][1]
              + layer[r][2] * layer[r][2]);
          for (int c = 0; c < D; c++) {
            layer[r][c] /= norm;
            expected[r][c] += layer[r][c];
          }
        }
      }
      assertRows(f.encoder.encode(), f, expected);
    }
  }

  @Test
  void zeroLayersLeaveTheLayerZeroTables() {
    try (LightGcnFixture f = new LightGcnFixture(Map.of("layers", "0"))) {
      assertRows(f.encoder.encode(), f, denseLayers(f, 0)[0]);
    }
  }

  /**
   * For y = sum(W .* mean_l(A^l E)), dy/dE = mean_l (A^l)^T W = mean_l A^l W (A is symmetric): the
   * gradient flows back through every registered sparse product.
   */
  @Test
  void gradientThroughPropagationMatchesTheDenseTranspose() {
    try (LightGcnFixture f = new LightGcnFixture(Map.of("layers", "2"))) {
      float[][] w = new float[N][D];
      for (int r = 0; r < N; r++) {
        for (int c = 0; c < D; c++) {
          w[r][c] = (float) Math.sin(1 + r + 3 * c);
        }
      }
      float[][] wUsers = java.util.Arrays.copyOfRange(w, 0, U);
      float[][] wItems = java.util.Arrays.copyOfRange(w, U, N);
      var tf = f.context.tf();
      UserItemTables pooled = f.encoder.encode();
      Operand<TFloat32> y = tf.math.add(
          tf.reduceSum(tf.math.mul(tf.constant(wUsers), pooled.users()), tf.constant(new int[] {0, 1})),
          tf.reduceSum(tf.math.mul(tf.constant(wItems), pooled.items()), tf.constant(new int[] {0, 1})));
      Output<?>[] grads = f.graph.addGradients(y.asOutput(), new Output<?>[] {
          f.encoder.variables().get(0).asOutput(), f.encoder.variables().get(1).asOutput()});
      @SuppressWarnings("unchecked")
      double[][] actual = LightGcnFixture.stack(f.fetch((Output<TFloat32>) grads[0]),
          f.fetch((Output<TFloat32>) grads[1]));
      double[][] a = f.denseAdjacency();
      double[][] term = LightGcnFixture.stack(wUsers, wItems);
      double[][] expected = new double[N][D];
      for (int l = 0; l <= 2; l++) {
        for (int r = 0; r < N; r++) {
          for (int c = 0; c < D; c++) {
            expected[r][c] += term[r][c] / 3;
          }
        }
        term = LightGcnFixture.times(a, term);
      }
      for (int r = 0; r < N; r++) {
        for (int c = 0; c < D; c++) {
          assertThat(actual[r][c]).isCloseTo(expected[r][c], within(1e-5));
        }
      }
    }
  }

  @Test
  void anUnknownPoolingNamesTheKeyAndTheChoices() {
    assertThatThrownBy(() -> LightGcnSettings.from("lightgcn",
        LightGcnFixture.settings(Map.of("pooling", "max"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lightgcn.pooling: expected one of mean, normalized_sum, sum, got 'max'");
  }

  @Test
  void negativeLayersAreRejected() {
    assertThatThrownBy(() -> LightGcnSettings.from("sgl",
        LightGcnFixture.settings(Map.of("layers", "-1"))))
        .hasMessage("sgl.layers: expected a non-negative integer, got -1");
  }
}
