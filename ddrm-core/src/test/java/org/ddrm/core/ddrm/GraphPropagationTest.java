package org.ddrm.core.ddrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ddrm.api.UserItemMatrix;
import org.ddrm.api.graph.NormalizedAdjacency;
import org.ddrm.api.graph.SparseMatMulGradient;
import org.ddrm.api.graph.SparseMatrix;
import org.ddrm.api.graph.UserItemTables;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class GraphPropagationTest {
  private static final int U = DdrmFixture.USERS;
  private static final int I = DdrmFixture.ITEMS;
  private static final int D = DdrmFixture.DIM;

  /** Dense LightGCN in Java: the layers 0..L of [users; items] under D^-1/2 A D^-1/2. */
  private static double[][][] layers(DdrmFixture f, int count) {
    return layers(f, count, false);
  }

  /** Layers 0..count; with {@code normalised}, each propagated layer's rows at unit length. */
  private static double[][][] layers(DdrmFixture f, int count, boolean normalised) {
    UserItemMatrix train = f.dataset.trainMatrix();
    int[] itemDegree = new int[I];
    for (int u = 0; u < U; u++) {
      for (int i : train.items(u)) {
        itemDegree[i]++;
      }
    }
    double[][][] layers = new double[count + 1][U + I][D];
    for (int u = 0; u < U; u++) {
      for (int k = 0; k < D; k++) {
        layers[0][u][k] = f.userValues[u][k];
      }
    }
    for (int i = 0; i < I; i++) {
      for (int k = 0; k < D; k++) {
        layers[0][U + i][k] = f.itemValues[i][k];
      }
    }
    for (int l = 1; l <= count; l++) {
      for (int u = 0; u < U; u++) {
        for (int i : train.items(u)) {
          double weight = 1 / Math.sqrt((double) train.degree(u) * itemDegree[i]);
          for (int k = 0; k < D; k++) {
            layers[l][u][k] += weight * layers[l - 1][U + i][k];
            layers[l][U + i][k] += weight * layers[l - 1][u][k];
          }
        }
      }
      if (normalised) {
        for (double[] row : layers[l]) {
          double length = norm(row);
          for (int k = 0; k < D; k++) {
            row[k] /= length;
          }
        }
      }
    }
    return layers;
  }

  private static double norm(double[] row) {
    double sum = 0;
    for (double v : row) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  @Test
  void meanPoolingAveragesTheLightGcnLayers() {
    try (DdrmFixture f = DdrmFixture.build(1, Map.of("propagation_layers", "3"))) {
      double[][][] layers = layers(f, 3);
      float[] users = f.fetch(f.denoiser.embeddings().users(), Map.of());
      float[] items = f.fetch(f.denoiser.embeddings().items(), Map.of());
      for (int node = 0; node < U + I; node++) {
        for (int k = 0; k < D; k++) {
          double expected = 0;
          for (double[][] layer : layers) {
            expected += layer[node][k] / layers.length;
          }
          float actual = node < U ? users[node * D + k] : items[(node - U) * D + k];
          assertThat((double) actual).isCloseTo(expected, within(1e-5));
        }
      }
    }
  }

  @Test
  void normalizedSumAddsLayerZeroAndTheUnitRowsOfEveryPropagatedLayer() {
    try (DdrmFixture f = DdrmFixture.build(1,
        Map.of("propagation_layers", "2", "propagation_pooling", "normalized_sum"))) {
      double[][][] layers = layers(f, 2, true);
      float[] items = f.fetch(f.denoiser.embeddings().items(), Map.of());
      for (int i = 0; i < I; i++) {
        for (int k = 0; k < D; k++) {
          double expected = 0;
          for (double[][] layer : layers) {
            expected += layer[U + i][k];
          }
          assertThat((double) items[i * D + k]).isCloseTo(expected, within(1e-5));
        }
      }
    }
  }

  @Test
  void theRegisteredSparseGradientIsTheTransposedProduct() {
    SparseMatMulGradient.ensureRegistered();
    try (DdrmFixture f = DdrmFixture.build(1, Map.of())) {
      SparseMatrix history = SparseMatrix.rowNormalized(f.tf, f.dataset.trainMatrix());
      float[][] items = f.itemValues;
      float[][] weights = new float[U][D];
      for (int u = 0; u < U; u++) {
        for (int k = 0; k < D; k++) {
          weights[u][k] = (float) Math.sin(u + 3 * k);
        }
      }
      Operand<TFloat32> x = f.tf.constant(items);
      Operand<TFloat32> y = f.tf.reduceSum(
          f.tf.math.mul(f.tf.constant(weights), history.times(f.tf, x)), f.tf.constant(new int[] {0, 1}));
      @SuppressWarnings("unchecked")
      Output<TFloat32> gradient = (Output<TFloat32>) f.graph.addGradients(y.asOutput(),
          new Output<?>[] {x.asOutput()})[0];
      float[] actual = f.fetch(gradient, Map.of());
      UserItemMatrix train = f.dataset.trainMatrix();
      double[][] expected = new double[I][D];
      for (int u = 0; u < U; u++) {
        for (int i : train.items(u)) {
          for (int k = 0; k < D; k++) {
            expected[i][k] += weights[u][k] / (double) train.degree(u);
          }
        }
      }
      for (int i = 0; i < I; i++) {
        for (int k = 0; k < D; k++) {
          assertThat((double) actual[i * D + k]).isCloseTo(expected[i][k], within(1e-5));
        }
      }
    }
  }

  @Test
  void anAdjacencyStepTrainsThroughItsTransposeBlock() {
    SparseMatMulGradient.ensureRegistered();
    try (DdrmFixture f = DdrmFixture.build(1, Map.of())) {
      UserItemMatrix train = f.dataset.trainMatrix();
      float[][] weights = new float[U][D];
      for (int u = 0; u < U; u++) {
        for (int k = 0; k < D; k++) {
          weights[u][k] = (float) Math.cos(2 * u + k);
        }
      }
      Operand<TFloat32> items = f.tf.constant(f.itemValues);
      UserItemTables next = NormalizedAdjacency.of(f.tf, train)
          .step(f.tf, new UserItemTables(f.tf.constant(f.userValues), items));
      Operand<TFloat32> y = f.tf.reduceSum(f.tf.math.mul(f.tf.constant(weights), next.users()),
          f.tf.constant(new int[] {0, 1}));
      @SuppressWarnings("unchecked")
      Output<TFloat32> gradient = (Output<TFloat32>) f.graph.addGradients(y.asOutput(),
          new Output<?>[] {items.asOutput()})[0];
      float[] actual = f.fetch(gradient, Map.of());
      int[] itemDegree = new int[I];
      for (int u = 0; u < U; u++) {
        for (int i : train.items(u)) {
          itemDegree[i]++;
        }
      }
      double[][] expected = new double[I][D];
      for (int u = 0; u < U; u++) {
        for (int i : train.items(u)) {
          double edge = 1 / Math.sqrt((double) train.degree(u) * itemDegree[i]);
          for (int k = 0; k < D; k++) {
            expected[i][k] += weights[u][k] * edge;
          }
        }
      }
      for (int i = 0; i < I; i++) {
        for (int k = 0; k < D; k++) {
          assertThat((double) actual[i * D + k]).isCloseTo(expected[i][k], within(1e-5));
        }
      }
    }
  }

  @Test
  void historyMeanIsTheMeanOfTheUsersTrainItems() {
    try (DdrmFixture f = DdrmFixture.build(1, Map.of())) {
      Placeholder<TInt32> users = f.tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      int[] ids = {4, 17};
      float[] means = f.fetch(f.denoiser.embeddings().historyMean(f.tf, users), Map.of(users, ids));
      for (int r = 0; r < ids.length; r++) {
        int[] items = f.dataset.trainMatrix().items(ids[r]);
        for (int k = 0; k < D; k++) {
          double expected = 0;
          for (int i : items) {
            expected += f.itemValues[i][k] / items.length;
          }
          assertThat((double) means[r * D + k]).isCloseTo(expected, within(1e-6));
        }
      }
    }
  }
}
