package org.ddrm.backend.lightgcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.core.config.MapSettings;
import org.ddrm.testkit.KitGraph;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

class LightGcnEncoderTest {
  private static final int U = Tiny.USERS;
  private static final int N = Tiny.USERS + Tiny.ITEMS;
  private static final int D = Tiny.DIM;

  /** Layers 0..L of the stacked layer-0 tables under the dense adjacency. */
  private static double[][][] denseLayers(Tiny f, int layers) {
    double[][] a = f.denseAdjacency();
    double[][][] out = new double[layers + 1][][];
    out[0] = Tiny.stack(f.fetch(f.encoder.layer0().users()),
        f.fetch(f.encoder.layer0().items()));
    for (int l = 1; l <= layers; l++) {
      out[l] = Tiny.times(a, out[l - 1]);
    }
    return out;
  }

  private static void assertRows(UserItemTables tables, Tiny f, double[][] expected) {
    double[][] actual = Tiny.stack(f.fetch(tables.users()), f.fetch(tables.items()));
    for (int r = 0; r < N; r++) {
      for (int c = 0; c < D; c++) {
        assertThat(actual[r][c]).as("row %d col %d", r, c).isCloseTo(expected[r][c], within(1e-5));
      }
    }
  }

  @Test
  void meanPoolingAveragesTheDensePropagationLayers() {
    try (Tiny f = new Tiny(Map.of("layers", "3"))) {
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
    try (Tiny f = new Tiny(
        Map.of("layers", "2", "pooling", "normalized_sum"))) {
      double[][] a = f.denseAdjacency();
      double[][] layer = denseLayers(f, 0)[0];
      double[][] expected = new double[N][];
      for (int r = 0; r < N; r++) {
        expected[r] = layer[r].clone();
      }
      for (int l = 1; l <= 2; l++) {
        // each propagated layer is normalised, and the normalised table is propagated on
        layer = Tiny.times(a, layer);
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
    try (Tiny f = new Tiny(Map.of("layers", "0"))) {
      assertRows(f.encoder.encode(), f, denseLayers(f, 0)[0]);
    }
  }

  /**
   * For y = sum(W .* mean_l(A^l E)), dy/dE = mean_l (A^l)^T W = mean_l A^l W (A is symmetric): the
   * gradient flows back through every registered sparse product.
   */
  @Test
  void gradientThroughPropagationMatchesTheDenseTranspose() {
    try (Tiny f = new Tiny(Map.of("layers", "2"))) {
      float[][] w = new float[N][D];
      for (int r = 0; r < N; r++) {
        for (int c = 0; c < D; c++) {
          w[r][c] = (float) Math.sin(1 + r + 3 * c);
        }
      }
      float[][] wUsers = java.util.Arrays.copyOfRange(w, 0, U);
      float[][] wItems = java.util.Arrays.copyOfRange(w, U, N);
      var tf = f.graph.tf();
      UserItemTables pooled = f.encoder.encode();
      Operand<TFloat32> y = tf.math.add(
          tf.reduceSum(tf.math.mul(tf.constant(wUsers), pooled.users()), tf.constant(new int[] {0, 1})),
          tf.reduceSum(tf.math.mul(tf.constant(wItems), pooled.items()), tf.constant(new int[] {0, 1})));
      Output<?>[] grads = f.graph.graph().addGradients(y.asOutput(), new Output<?>[] {
          f.encoder.variables().get(0).asOutput(), f.encoder.variables().get(1).asOutput()});
      @SuppressWarnings("unchecked")
      double[][] actual = Tiny.stack(f.fetch((Output<TFloat32>) grads[0]),
          f.fetch((Output<TFloat32>) grads[1]));
      double[][] a = f.denseAdjacency();
      double[][] term = Tiny.stack(wUsers, wItems);
      double[][] expected = new double[N][D];
      for (int l = 0; l <= 2; l++) {
        for (int r = 0; r < N; r++) {
          for (int c = 0; c < D; c++) {
            expected[r][c] += term[r][c] / 3;
          }
        }
        term = Tiny.times(a, term);
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
        Tiny.settings(Map.of("pooling", "max"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lightgcn.pooling: expected one of mean, normalized_sum, sum, got 'max'");
  }

  @Test
  void negativeLayersAreRejected() {
    assertThatThrownBy(() -> LightGcnSettings.from("sgl",
        Tiny.settings(Map.of("layers", "-1"))))
        .hasMessage("sgl.layers: expected a non-negative integer, got -1");
  }

  /** 4 users, 5 items, a LightGCN encoder of width 3, and the dense maths it must match. */
  static final class Tiny implements AutoCloseable {
    static final int USERS = 4;
    static final int ITEMS = 5;
    static final int DIM = 3;
    static final Dataset DATA = Dataset.of("tiny", USERS, ITEMS, Interactions.of(
        new int[] {0, 0, 1, 1, 1, 2, 3, 3, 2}, new int[] {0, 1, 1, 2, 3, 4, 0, 4, 2}),
        Interactions.empty(), Interactions.empty());

    final KitGraph graph = KitGraph.on(DATA, 7);
    final LightGcnEncoder encoder;

    Tiny(Map<String, String> overrides) {
      encoder = LightGcnEncoder.build(graph.context(), graph.tf().withSubScope("lightgcn"),
          LightGcnSettings.from("lightgcn", settings(overrides)));
    }

    static MapSettings settings(Map<String, String> overrides) {
      Map<String, String> values = new HashMap<>(Map.of("dim", String.valueOf(DIM)));
      values.putAll(overrides);
      return KitGraph.settings(LightGcnSettings.SPECS, values);
    }

    float[][] fetch(Operand<TFloat32> output) {
      return graph.fetchRows(output);
    }

    /** The dense symmetric-normalised adjacency over users then items. */
    double[][] denseAdjacency() {
      int n = USERS + ITEMS;
      double[][] a = new double[n][n];
      var train = DATA.trainMatrix();
      int[] itemDegree = new int[ITEMS];
      for (int u = 0; u < USERS; u++) {
        for (int i : train.items(u)) {
          itemDegree[i]++;
        }
      }
      for (int u = 0; u < USERS; u++) {
        for (int i : train.items(u)) {
          double w = 1 / Math.sqrt((double) train.degree(u) * itemDegree[i]);
          a[u][USERS + i] = w;
          a[USERS + i][u] = w;
        }
      }
      return a;
    }

    static double[][] times(double[][] a, double[][] x) {
      double[][] out = new double[a.length][x[0].length];
      for (int r = 0; r < a.length; r++) {
        for (int k = 0; k < a[0].length; k++) {
          for (int c = 0; c < x[0].length; c++) {
            out[r][c] += a[r][k] * x[k][c];
          }
        }
      }
      return out;
    }

    /** Users' rows, then items' rows. */
    static double[][] stack(float[][] users, float[][] items) {
      double[][] out = new double[users.length + items.length][];
      for (int r = 0; r < out.length; r++) {
        float[] row = r < users.length ? users[r] : items[r - users.length];
        out[r] = new double[row.length];
        for (int c = 0; c < row.length; c++) {
          out[r][c] = row[c];
        }
      }
      return out;
    }

    @Override
    public void close() {
      graph.close();
    }
  }
}
