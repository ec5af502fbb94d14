package org.ddrm.backend.lightgcn;

import java.util.HashMap;
import java.util.Map;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.ddrm.api.SettingSpec;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.train.TfGraphContext;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** A tiny graph for tests: 4 users, 5 items, a LightGCN encoder of width 3. */
final class LightGcnFixture implements AutoCloseable {
  static final int USERS = 4;
  static final int ITEMS = 5;
  static final int DIM = 3;

  final Graph graph = new Graph();
  final Dataset dataset = Dataset.of("tiny", USERS, ITEMS, Interactions.of(
      new int[] {0, 0, 1, 1, 1, 2, 3, 3, 2}, new int[] {0, 1, 1, 2, 3, 4, 0, 4, 2}),
      Interactions.empty(), Interactions.empty());
  final TfGraphContext context = new TfGraphContext(graph, dataset, 7);
  final LightGcnEncoder encoder;
  private Session session;

  LightGcnFixture(Map<String, String> overrides) {
    encoder = LightGcnEncoder.build(context, context.tf().withSubScope("lightgcn"),
        LightGcnSettings.from("lightgcn", settings(overrides)));
  }

  static MapSettings settings(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    for (SettingSpec spec : LightGcnSettings.SPECS) {
      values.put(spec.key(), spec.defaultValue());
    }
    values.put("dim", String.valueOf(DIM));
    values.putAll(overrides);
    return MapSettings.of(values);
  }

  Session session() {
    if (session == null) {
      session = new Session(graph);
      session.initialize();
    }
    return session;
  }

  /** The operand's value as rows. */
  float[][] fetch(Operand<TFloat32> output) {
    try (Result result = session().runner().fetch(output).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      int rows = (int) tensor.shape().get(0);
      int cols = (int) tensor.shape().get(1);
      float[] flat = new float[rows * cols];
      tensor.copyTo(DataBuffers.of(flat, false, false));
      float[][] out = new float[rows][cols];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(flat, r * cols, out[r], 0, cols);
      }
      return out;
    }
  }

  /** The dense symmetric-normalised adjacency over users then items. */
  double[][] denseAdjacency() {
    int n = USERS + ITEMS;
    double[][] a = new double[n][n];
    var train = dataset.trainMatrix();
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
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
