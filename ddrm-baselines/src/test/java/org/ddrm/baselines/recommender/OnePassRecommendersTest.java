package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.ddrm.api.TrainableModel;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.testkit.KitGraph;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * MostPop, ItemKNN and EASE on a hand-sized train matrix: four users, four items,
 * u0 = {0, 1}, u1 = {0, 1, 2}, u2 = {2, 3}, u3 = {0}; so X^T X has diagonal (3, 2, 2, 1) and
 * off-diagonal g01 = 2, g02 = 1, g12 = 1, g23 = 1, g03 = g13 = 0.
 */
class OnePassRecommendersTest {
  private static final Dataset TINY = Dataset.of("tiny", 4, 4,
      Interactions.of(new int[] {0, 0, 1, 1, 1, 2, 2, 3}, new int[] {0, 1, 0, 1, 2, 2, 3, 0}),
      Interactions.empty(), Interactions.empty());

  @Test
  void itemKnnKeepsEachItemsNearestCosineNeighbourWithShrinkage() {
    float[][] w = weights((g, tf) -> ItemKnn.weights(tf, TINY.trainMatrix(), 1, 1f));
    double s01 = 2 / (Math.sqrt(3 * 2) + 1);
    double s12 = 1 / (Math.sqrt(2 * 2) + 1);
    double s23 = 1 / (Math.sqrt(2 * 1) + 1);
    double s02 = 1 / (Math.sqrt(3 * 2) + 1);
    assertThat(s23).isGreaterThan(s12).isGreaterThan(s02);
    double[][] expected = {
        {0, s01, 0, 0},
        {s01, 0, 0, 0},
        {0, 0, 0, s23},
        {0, 0, s23, 0}};
    assertClose(w, expected, 1e-6);
  }

  @Test
  void itemKnnWithoutTopKCutIsTheFullCosineMatrixWithZeroDiagonal() {
    float[][] w = weights((g, tf) -> ItemKnn.weights(tf, TINY.trainMatrix(), 10, 0f));
    double[][] expected = {
        {0, 2 / Math.sqrt(6), 1 / Math.sqrt(6), 0},
        {2 / Math.sqrt(6), 0, 0.5, 0},
        {1 / Math.sqrt(6), 0.5, 0, 1 / Math.sqrt(2)},
        {0, 0, 1 / Math.sqrt(2), 0}};
    assertClose(w, expected, 1e-5);
  }

  @Test
  void easeIsTheClosedFormOfTheRegularisedGramInverse() {
    double lambda = 0.5;
    float[][] b = weights((g, tf) -> Ease.weights(tf, TINY.trainMatrix(), lambda));
    double[][] gram = {{3, 2, 1, 0}, {2, 2, 1, 0}, {1, 1, 2, 1}, {0, 0, 1, 1}};
    for (int i = 0; i < 4; i++) {
      gram[i][i] += lambda;
    }
    double[][] p = invert(gram);
    double[][] expected = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        expected[i][j] = i == j ? 0 : -p[i][j] / p[j][j];
      }
    }
    assertClose(b, expected, 1e-5);
  }

  @Test
  void oneItemUsersScoreTheirItemsRowOfTheWeights() {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      TrainableModel model = new EaseProvider().build(context,
          KitGraph.settings(new EaseProvider(), Map.of("lambda", "0.5")), 8);
      assertThat(model.trainableVariables()).isEmpty();
      float[][] scores = scores(graph, context, model, new int[] {3});
      float[][] b = weights((g, tf) -> Ease.weights(tf, TINY.trainMatrix(), 0.5));
      assertThat(scores[0]).containsExactly(b[0], within(1e-6f));
    }
  }

  @Test
  void mostPopScoresEveryUserByTrainPopularity() {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      TrainableModel model = new MostPopProvider().build(context,
          KitGraph.settings(new MostPopProvider(), Map.of()), 8);
      float[][] scores = scores(graph, context, model, new int[] {0, 2, 3});
      for (float[] row : scores) {
        assertThat(row).containsExactly(3f, 2f, 2f, 1f);
      }
    }
  }

  @Test
  void easeRefusesMoreItemsThanItsLimitNamingTheKey() {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      assertThatThrownBy(() -> new EaseProvider().build(context,
          KitGraph.settings(new EaseProvider(), Map.of("max_items", "3")), 8))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ease: the train data has 4 items, above ease.max_items = 3;");
    }
  }

  @Test
  void onePassModelsHaveNothingToTrain() {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      TrainableModel model = new ItemKnnProvider().build(context,
          KitGraph.settings(new ItemKnnProvider(), Map.of()), 8);
      assertThat(model.trainableVariables()).isEmpty();
      assertThatThrownBy(model::loss).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("itemknn is computed in one pass");
    }
  }

  private interface WeightGraph {
    Operand<TFloat32> build(Graph graph, org.tensorflow.op.Ops tf);
  }

  private static float[][] weights(WeightGraph weights) {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      Operand<TFloat32> w = weights.build(graph, context.tf());
      try (Session session = new Session(graph); Result result = session.runner().fetch(w).run()) {
        return rows((TFloat32) result.get(0), 4);
      }
    }
  }

  private static float[][] scores(Graph graph, TfGraphContext context, TrainableModel model,
      int[] users) {
    Placeholder<TInt32> input =
        context.tf().placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> scores = model.scores(input);
    try (Session session = new Session(graph); TInt32 ids = TInt32.vectorOf(users)) {
      session.initialize();
      Session.Runner runner = session.runner().feed(input, ids);
      try (AutoCloseable fed = model.feedScoring(users, runner);
          Result result = runner.fetch(scores).run()) {
        return rows((TFloat32) result.get(0), 4);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static float[][] rows(TFloat32 tensor, int width) {
    float[] flat = new float[(int) tensor.shape().size()];
    tensor.copyTo(DataBuffers.of(flat, false, false));
    float[][] out = new float[flat.length / width][width];
    for (int r = 0; r < out.length; r++) {
      System.arraycopy(flat, r * width, out[r], 0, width);
    }
    return out;
  }

  private static void assertClose(float[][] actual, double[][] expected, double tolerance) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat((double) actual[i][j]).as("entry (%d, %d)", i, j)
            .isCloseTo(expected[i][j], within(tolerance));
      }
    }
  }

  /** Gauss-Jordan inverse with partial pivoting, in double. */
  private static double[][] invert(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(matrix[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] swap = a[c];
      a[c] = a[pivot];
      a[pivot] = swap;
      double d = a[c][c];
      for (int k = 0; k < 2 * n; k++) {
        a[c][k] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int k = 0; k < 2 * n; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[][] inverse = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, inverse[i], 0, n);
    }
    return inverse;
  }
}
