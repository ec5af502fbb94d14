package org.ddrm.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.ddrm.api.BatchSource;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.graph.UserItemTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The evaluator's scale paths (factor tables computed once, block scoring, chunked top-K) give
 * exactly what a full sort of the model's own scores gives, ties included.
 */
class BlockRankingTest {
  private static final int USERS = 60;
  private static final int ITEMS = 301; // not a multiple of the chunk width: padded columns
  private static final int DIM = 3;
  private static final int CHUNK = 4; // 76 chunks >= 4 x 15
  private static final List<Integer> KS = List.of(1, 5, 10, 15);

  private Graph graph;
  private Ops tf;
  private Session session;

  @BeforeEach
  void openGraph() {
    graph = new Graph();
    tf = Ops.create(graph);
    session = new Session(graph);
  }

  @AfterEach
  void closeGraph() {
    session.close();
    graph.close();
  }

  @Test
  void chunkedTopKEqualsAFullSortOfTheMaskedScoresWithTiesAndMaskedChunks() {
    Random random = new Random(7);
    int rows = 30;
    int columns = 1000;
    float[][] scores = new float[rows][columns];
    float[][] masked = new float[rows][];
    List<int[]> maskPairs = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        scores[r][c] = random.nextInt(8) / 8f;
      }
      masked[r] = scores[r].clone();
      for (int c = 0; c < columns; c++) {
        // a row with nothing to rank, one with fewer unmasked items than k, a fifth elsewhere
        // (best values among them, so chunk maxima move), some pairs given twice
        if (r == 3 || (r == 4 && c < 990) || random.nextInt(5) == 0) {
          maskPairs.add(new int[] {r, c});
          if (random.nextInt(10) == 0) {
            maskPairs.add(new int[] {r, c});
          }
          masked[r][c] = Float.NEGATIVE_INFINITY;
        }
      }
    }
    Collections.shuffle(maskPairs, random);
    for (int k : new int[] {1, 7, 50}) {
      ChunkedTopK chunked = new ChunkedTopK(tf, tf.constant(scores),
          tf.constant(maskPairs.toArray(int[][]::new)), columns / CHUNK, CHUNK, tf.constant(k));
      try (Result result = session.runner()
          .fetch(chunked.values()).fetch(chunked.indices()).run()) {
        float[] values = new float[rows * k];
        int[] indices = new int[rows * k];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
        ((TInt32) result.get(1)).copyTo(DataBuffers.of(indices, false, false));
        for (int r = 0; r < rows; r++) {
          int[] expected = sortedColumns(masked[r], k);
          int[] actual = Arrays.copyOfRange(indices, r * k, (r + 1) * k);
          assertThat(actual).as("k %d row %d", k, r).containsExactly(expected);
          for (int j = 0; j < k; j++) {
            assertThat(values[r * k + j]).isEqualTo(masked[r][expected[j]]);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1024})
  void factorTablesAndChunkedTopKGiveTheFullSortsMetricsExactly(int batchSize) {
    FactorModel model = FactorModel.create(tf, 11);
    Dataset data = randomData(12);
    EvaluationOptions options = new EvaluationOptions(KS, batchSize, true);
    FullRankingEvaluator scalable =
        new FullRankingEvaluator(session, tf, model, data, options, CHUNK);
    FullRankingEvaluator plain = new FullRankingEvaluator(
        session, tf, model.withoutFactors(), data, options, ITEMS); // one chunk: plain top-K

    for (Split split : Split.values()) {
      EvaluationResult expected = plain.evaluate(split);
      EvaluationResult actual = scalable.evaluate(split);
      assertThat(actual.means()).as("%s means", split).isEqualTo(expected.means());
      assertThat(actual.perUser()).as("%s per user", split).isEqualTo(expected.perUser());
      PerUserMetrics table = actual.perUser();
      for (int row = 0; row < table.size(); row++) {
        int user = table.user(row);
        assertThat(table.topItems(row).orElseThrow())
            .as("%s user %d", split, user)
            .containsExactly(fullSort(model.scoresOf(user), data, user, split, 15));
      }
    }
  }

  @Test
  void factorTablesAreComputedOncePerEvaluation() {
    FactorModel model = FactorModel.create(tf, 13);
    Variable<TFloat32> runs = tf.variable(tf.constant(0f));
    Operand<TFloat32> counted = tf.withControlDependencies(
        List.of(tf.assignAdd(runs, tf.constant(1f)))).identity(model.users);
    TrainableModel counting = new FactorModel(tf, counted, model.items, model.userValues,
        model.itemValues, true);
    session.initialize();
    FullRankingEvaluator evaluator = new FullRankingEvaluator(
        session, tf, counting, randomData(14), new EvaluationOptions(KS, 5, false), CHUNK);

    evaluator.evaluate(Split.VALID);
    evaluator.evaluate(Split.TEST);

    try (TFloat32 count = (TFloat32) session.runner().fetch(runs).run().get(0)) {
      assertThat(count.getFloat()).isEqualTo(2f); // 2 evaluations of ~12 batches each
    }
  }

  @Test
  void scoresWithoutFactorsArePaddedAndRankedByChunksExactly() {
    FactorModel model = FactorModel.create(tf, 17);
    Dataset data = randomData(18);
    EvaluationOptions options = new EvaluationOptions(KS, 9, true);
    EvaluationResult chunked = new FullRankingEvaluator(
        session, tf, model.withoutFactors(), data, options, CHUNK).evaluate(Split.TEST);
    EvaluationResult plain = new FullRankingEvaluator(
        session, tf, model.withoutFactors(), data, options, ITEMS).evaluate(Split.TEST);

    assertThat(chunked.means()).isEqualTo(plain.means());
    assertThat(chunked.perUser()).isEqualTo(plain.perUser());
  }

  @Test
  void recommendationsOfAnyLengthEqualTheFullSort() {
    FactorModel model = FactorModel.create(tf, 19);
    Dataset data = randomData(20);
    FullRankingEvaluator evaluator = new FullRankingEvaluator(
        session, tf, model, data, new EvaluationOptions(KS, 8, false), CHUNK);
    int[] users = {5, 0, 59, 17};
    for (int k : new int[] {3, 19, 60, ITEMS}) { // 60 x 4 > 76 chunks: plain top-K
      Recommendations recommendations = evaluator.recommend(users, k);
      for (int row = 0; row < users.length; row++) {
        assertThat(recommendations.items()[row]).as("k %d user %d", k, users[row])
            .containsExactly(fullSort(model.scoresOf(users[row]), data, users[row], Split.VALID, k));
      }
    }
  }

  /** The top {@code k} unmasked items by score, then lower id, as a full sort gives them. */
  private static int[] fullSort(float[] scores, Dataset data, int user, Split split, int k) {
    return IntStream.range(0, scores.length)
        .filter(i -> !data.trainMatrix().contains(user, i))
        .filter(i -> split == Split.VALID || !data.validMatrix().contains(user, i))
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** The columns of the {@code k} best values that are not -infinity, by value then column. */
  private static int[] sortedColumns(float[] row, int k) {
    int[] best = IntStream.range(0, row.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -row[i]).thenComparing(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
    return best;
  }

  /** Random train / valid / test pairs; user 1 has seen nearly every item, user 0 has no valid. */
  private static Dataset randomData(long seed) {
    Random random = new Random(seed);
    List<int[]> train = new ArrayList<>();
    List<int[]> valid = new ArrayList<>();
    List<int[]> test = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      double trainShare = u == 1 ? 0.97 : 0.2;
      for (int i = 0; i < ITEMS; i++) {
        double draw = random.nextDouble();
        if (draw < trainShare) {
          train.add(new int[] {u, i});
        } else if (draw < trainShare + 0.02 && u != 0) {
          valid.add(new int[] {u, i});
        } else if (draw < trainShare + 0.04) {
          test.add(new int[] {u, i});
        }
      }
    }
    return Dataset.of("random", USERS, ITEMS, pairs(train), pairs(valid), pairs(test));
  }

  private static Interactions pairs(List<int[]> list) {
    return Interactions.of(
        list.stream().mapToInt(p -> p[0]).toArray(), list.stream().mapToInt(p -> p[1]).toArray());
  }

  /**
   * Scores that are products of small-integer factor tables: exact in float, and full of ties.
   * With {@code factors} false it hides its tables, so that the evaluator scores it by batches.
   */
  private static final class FactorModel implements TrainableModel {
    private final Ops tf;
    private final Operand<TFloat32> users;
    private final Operand<TFloat32> items;
    private final float[][] userValues;
    private final float[][] itemValues;
    private final boolean factors;

    FactorModel(Ops tf, Operand<TFloat32> users, Operand<TFloat32> items, float[][] userValues,
        float[][] itemValues, boolean factors) {
      this.tf = tf;
      this.users = users;
      this.items = items;
      this.userValues = userValues;
      this.itemValues = itemValues;
      this.factors = factors;
    }

    static FactorModel create(Ops tf, long seed) {
      Random random = new Random(seed);
      float[][] userValues = new float[USERS][DIM];
      float[][] itemValues = new float[ITEMS][DIM];
      for (float[] row : userValues) {
        for (int d = 0; d < DIM; d++) {
          row[d] = random.nextInt(3) - 1;
        }
      }
      for (float[] row : itemValues) {
        for (int d = 0; d < DIM; d++) {
          row[d] = random.nextInt(3) - 1;
        }
      }
      return new FactorModel(tf, tf.constant(userValues), tf.constant(itemValues), userValues,
          itemValues, true);
    }

    FactorModel withoutFactors() {
      return new FactorModel(tf, users, items, userValues, itemValues, false);
    }

    float[] scoresOf(int user) {
      float[] scores = new float[ITEMS];
      for (int i = 0; i < ITEMS; i++) {
        for (int d = 0; d < DIM; d++) {
          scores[i] += userValues[user][d] * itemValues[i][d];
        }
      }
      return scores;
    }

    @Override
    public Operand<TFloat32> scores(Operand<TInt32> batch) {
      return RankingOps.innerProductScores(tf, RankingOps.rows(tf, users, batch), items);
    }

    @Override
    public Optional<UserItemTables> scoringFactors() {
      return factors ? Optional.of(new UserItemTables(users, items)) : Optional.empty();
    }

    @Override
    public Operand<TFloat32> loss() {
      throw new UnsupportedOperationException("the factor test model does not train");
    }

    @Override
    public List<Variable<TFloat32>> trainableVariables() {
      throw new UnsupportedOperationException("the factor test model does not train");
    }

    @Override
    public BatchSource batches() {
      throw new UnsupportedOperationException("the factor test model does not train");
    }
  }
}
