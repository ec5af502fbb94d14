package org.ddrm.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.ddrm.api.UserItemMatrix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class FullRankingEvaluatorTest {
  private static final double EPS = 1e-12;
  private static final double INV_LOG2_3 = 1 / (Math.log(3) / Math.log(2)); // 1/log2(3)
  private static final List<Integer> HAND_KS = List.of(1, 2, 10);

  /**
   * Four users, five items. Ties: user 0's items 2 and 3, all of user 1's items, user 3's items
   * 0, 1 and 4.
   */
  private static final float[][] HAND_SCORES = {
    {0.1f, 0.9f, 0.5f, 0.5f, 0.3f},
    {0.4f, 0.4f, 0.4f, 0.4f, 0.4f},
    {0.2f, 0.1f, 0.8f, 0.6f, 0.9f},
    {0.3f, 0.3f, 0.9f, 0.1f, 0.3f},
  };

  /** train: 0-1, 1-0, 2-4, 3-2; valid: 0-2, 1-1, 1-3, 2-0 (none for user 3); test: 0-3, 1-2, 2-1, 3-0. */
  private static final Dataset HAND_DATA =
      Dataset.of(
          "hand",
          4,
          5,
          Interactions.of(new int[] {0, 1, 2, 3}, new int[] {1, 0, 4, 2}),
          Interactions.of(new int[] {0, 1, 1, 2}, new int[] {2, 1, 3, 0}),
          Interactions.of(new int[] {0, 1, 2, 3}, new int[] {3, 2, 1, 0}));

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

  private FullRankingEvaluator handEvaluator(ConstantScoreModel model, int batchSize) {
    return new FullRankingEvaluator(
        session,
        tf,
        model,
        HAND_DATA,
        new EvaluationOptions(HAND_KS, batchSize, true));
  }

  private static int[] topItemsOfUser(EvaluationResult result, int user) {
    PerUserMetrics table = result.perUser();
    for (int row = 0; row < table.size(); row++) {
      if (table.user(row) == user) {
        return table.topItems(row).orElseThrow();
      }
    }
    throw new AssertionError("user " + user + " was not evaluated");
  }

  @Test
  void validationMasksTrainItemsAndBreaksTiesByLowerItemId() {
    EvaluationResult result = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 1024)
        .evaluate(Split.VALID);

    // user 0: item 1 (train) masked; 2 and 3 tie at 0.5 -> 2 first; then 4 (0.3), 0 (0.1)
    assertThat(topItemsOfUser(result, 0)).containsExactly(2, 3, 4, 0);
    // user 1: item 0 masked; all tie -> ascending ids
    assertThat(topItemsOfUser(result, 1)).containsExactly(1, 2, 3, 4);
    // user 2: item 4 masked; 2 (0.8), 3 (0.6), 0 (0.2), 1 (0.1)
    assertThat(topItemsOfUser(result, 2)).containsExactly(2, 3, 0, 1);
  }

  @Test
  void recommendationsMaskTrainItemsOnlyKeepTheGivenUserOrderAndCarryScores() {
    Recommendations lists = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 1)
        .recommend(new int[] {3, 0}, 3);

    assertThat(lists.users()).containsExactly(3, 0);
    // user 3: item 2 (train) masked, its validation set is empty; 0, 1, 4 tie at 0.3
    assertThat(lists.items()[0]).containsExactly(0, 1, 4);
    assertThat(lists.scores()[0]).containsExactly(0.3f, 0.3f, 0.3f);
    // user 0: item 1 (train) masked, validation item 2 kept
    assertThat(lists.items()[1]).containsExactly(2, 3, 4);
    assertThat(lists.scores()[1]).containsExactly(0.5f, 0.5f, 0.3f);
  }

  @Test
  void recommendationsLongerThanTheEvaluationCutOffsStopAtTheUnmaskedItems() {
    FullRankingEvaluator evaluator = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 1024);
    Recommendations lists = evaluator.recommend(new int[] {2}, 50);

    assertThat(lists.items()[0]).containsExactly(2, 3, 0, 1); // item 4 (train) masked
    assertThatThrownBy(() -> evaluator.recommend(new int[] {4}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user 4");
    assertThatThrownBy(() -> evaluator.recommend(new int[] {0}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k >= 1");
  }

  @Test
  void testMasksTrainAndValidationItems() {
    EvaluationResult result = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 1024)
        .evaluate(Split.TEST);

    assertThat(topItemsOfUser(result, 0)).containsExactly(3, 4, 0); // 1 and 2 masked
    assertThat(topItemsOfUser(result, 1)).containsExactly(2, 4); // 0, 1 and 3 masked
    assertThat(topItemsOfUser(result, 2)).containsExactly(2, 3, 1); // 4 and 0 masked
    assertThat(topItemsOfUser(result, 3)).containsExactly(0, 1, 4, 3); // 2 masked; 0, 1, 4 tie
  }

  @Test
  void validationMeansMatchHandComputedValues() {
    EvaluationResult result = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 1024)
        .evaluate(Split.VALID);

    // user 3 has no validation items: skipped. Lists (see above) against the truth:
    //   user 0 [2,3,4,0] truth {2}:   hit at rank 0
    //   user 1 [1,2,3,4] truth {1,3}: hits at ranks 0 and 2
    //   user 2 [2,3,0,1] truth {0}:   hit at rank 2
    assertThat(result.usersEvaluated()).isEqualTo(3);
    assertThat(result.split()).isEqualTo(Split.VALID);
    // recall@1 = (1 + 1/2 + 0) / 3
    assertThat(result.metric("recall@1")).isCloseTo(0.5, within(EPS));
    // hit@2 = (1 + 1 + 0) / 3
    assertThat(result.metric("hit@2")).isCloseTo(2.0 / 3, within(EPS));
    // ndcg@2: user 0 -> 1; user 1 -> 1 / (1 + 1/log2 3); user 2 -> 0
    assertThat(result.metric("ndcg@2"))
        .isCloseTo((1 + 1 / (1 + INV_LOG2_3)) / 3, within(EPS));
    // K = 10 > 5 items: lists of 4; precision still over 10: (1 + 2 + 1) / 10 / 3
    assertThat(result.metric("precision@10")).isCloseTo(0.4 / 3, within(EPS));
    assertThat(result.metric("recall@10")).isCloseTo(1.0, within(EPS));
    // ndcg@10: user 0 -> 1; user 1 -> (1 + 1/log2 4) / (1 + 1/log2 3); user 2 -> 1/log2 4 = 0.5
    assertThat(result.metric("ndcg@10"))
        .isCloseTo((1 + 1.5 / (1 + INV_LOG2_3) + 0.5) / 3, within(EPS));
    assertThat(result.means().keySet())
        .containsExactly(
            "recall@1", "ndcg@1", "precision@1", "hit@1", "mrr@1", "map@1", "popularity@1",
            "long_tail@1",
            "recall@2", "ndcg@2", "precision@2", "hit@2", "mrr@2", "map@2", "popularity@2",
            "long_tail@2",
            "recall@10", "ndcg@10", "precision@10", "hit@10", "mrr@10", "map@10",
            "popularity@10", "long_tail@10",
            "coverage@1", "coverage@2", "coverage@10");
  }

  @Test
  void rankAndPopularityMetricsAndCoverageMatchHandComputedValues() {
    EvaluationResult result = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 2)
        .evaluate(Split.VALID);

    // lists: user 0 [2,3,4,0] truth {2}; user 1 [1,2,3,4] truth {1,3}; user 2 [2,3,0,1] truth {0}
    assertThat(result.metric("mrr@1")).isCloseTo(2.0 / 3, within(EPS));
    assertThat(result.metric("mrr@10")).isCloseTo(7.0 / 9, within(EPS)); // (1 + 1 + 1/3) / 3
    // map@10: user 0 -> 1; user 1 -> (1/1 + 2/3) / 2; user 2 -> (1/3) / 1
    assertThat(result.metric("map@10")).isCloseTo(13.0 / 18, within(EPS));
    // train counts [1, 1, 1, 0, 1]; head = one fifth of 5 items = item 0 (tie, lower id)
    // popularity@2: user 0 {2,3} -> 0.5; user 1 {1,2} -> 1; user 2 {2,3} -> 0.5
    assertThat(result.metric("popularity@2")).isCloseTo(2.0 / 3, within(EPS));
    assertThat(result.metric("long_tail@1")).isCloseTo(1.0, within(EPS));
    // long_tail@10: 3/4, 4/4, 3/4
    assertThat(result.metric("long_tail@10")).isCloseTo(2.5 / 3, within(EPS));
    // coverage: top 1 {2, 1}; top 2 {1, 2, 3}; top 10 every item
    assertThat(result.metric("coverage@1")).isCloseTo(0.4, within(EPS));
    assertThat(result.metric("coverage@2")).isCloseTo(0.6, within(EPS));
    assertThat(result.metric("coverage@10")).isCloseTo(1.0, within(EPS));
    assertThat(result.perUser().metricNames()).doesNotContain("coverage@1").contains("map@2");
  }

  @Test
  void testMeansMatchHandComputedValues() {
    EvaluationResult result = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 1024)
        .evaluate(Split.TEST);

    // user 0 [3,4,0] truth {3}; user 1 [2,4] truth {2}; user 2 [2,3,1] truth {1} (rank 2);
    // user 3 [0,1,4,3] truth {0}
    assertThat(result.usersEvaluated()).isEqualTo(4);
    assertThat(result.metric(RankingMetric.RECALL, 1)).isCloseTo(0.75, within(EPS));
    // ndcg@10 = (1 + 1 + 1/log2 4 + 1) / 4
    assertThat(result.metric(RankingMetric.NDCG, 10)).isCloseTo(3.5 / 4, within(EPS));
    assertThat(result.metric(RankingMetric.PRECISION, 10)).isCloseTo(0.1, within(EPS));
  }

  @Test
  void perUserTableHoldsTruthSizesAndMetricsInAscendingUserOrder() {
    EvaluationResult result = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 1024)
        .evaluate(Split.VALID);

    PerUserMetrics table = result.perUser();
    assertThat(table.size()).isEqualTo(3);
    assertThat(IntStream.range(0, 3).map(table::user).toArray()).containsExactly(0, 1, 2);
    assertThat(IntStream.range(0, 3).map(table::truthSize).toArray()).containsExactly(1, 2, 1);
    // user 1: one of two truth items in the top 1
    assertThat(table.value(1, "recall@1")).isCloseTo(0.5, within(EPS));
    assertThat(table.value(1, "precision@10")).isCloseTo(0.2, within(EPS));
    assertThat(table.metricNames()).isEqualTo(result.means().keySet().stream()
        .filter(name -> !name.startsWith(FullRankingEvaluator.COVERAGE)).toList());
  }

  @Test
  void userWithEmptyGroundTruthIsNeverScored() {
    ConstantScoreModel model = new ConstantScoreModel(tf, HAND_SCORES);
    FullRankingEvaluator evaluator = handEvaluator(model, 2);

    evaluator.evaluate(Split.VALID);

    assertThat(model.scoredBatches.stream().flatMapToInt(Arrays::stream).toArray())
        .containsExactly(0, 1, 2);
    assertThat(model.scoredBatches).hasSize(2);
    assertThat(model.closedFeeds).isEqualTo(2);
  }

  @Test
  void subsetEvaluatesOnlyTheGivenUsersWithGroundTruth() {
    ConstantScoreModel model = new ConstantScoreModel(tf, HAND_SCORES);
    FullRankingEvaluator evaluator = handEvaluator(model, 1024);

    EvaluationResult result = evaluator.evaluate(Split.VALID, new int[] {3, 2, 0, 2});

    // user 3 has no validation items; user 2 counts once
    assertThat(result.usersEvaluated()).isEqualTo(2);
    assertThat(result.perUser().user(0)).isZero();
    assertThat(result.perUser().user(1)).isEqualTo(2);
    // recall@1: user 0 -> 1, user 2 -> 0
    assertThat(result.metric("recall@1")).isCloseTo(0.5, within(EPS));
    assertThatThrownBy(() -> evaluator.evaluate(Split.VALID, new int[] {4}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user 4 outside");
  }

  @Test
  void topItemsAreLeftOutUnlessAsked() {
    FullRankingEvaluator evaluator =
        new FullRankingEvaluator(
            session, tf, new ConstantScoreModel(tf, HAND_SCORES), HAND_DATA,
            EvaluationOptions.defaults());

    EvaluationResult result = evaluator.evaluate(Split.TEST);

    assertThat(result.perUser().hasTopItems()).isFalse();
    assertThat(result.perUser().topItems(0)).isEmpty();
    assertThat(result.means()).containsKeys("recall@10", "ndcg@20", "precision@50", "hit@100");
  }

  @Test
  void opsCanBeAddedAfterTheSessionHasRun() {
    try (var fetched = session.runner().fetch(tf.constant(1f)).run()) {
      assertThat(fetched.size()).isEqualTo(1);
    }
    FullRankingEvaluator evaluator = handEvaluator(new ConstantScoreModel(tf, HAND_SCORES), 2);

    // same lists as in testMeansMatchHandComputedValues
    assertThat(evaluator.evaluate(Split.TEST).metric("recall@1")).isCloseTo(0.75, within(EPS));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 1024})
  void handResultsDoNotDependOnBatchSize(int batchSize) {
    ConstantScoreModel model = new ConstantScoreModel(tf, HAND_SCORES);
    FullRankingEvaluator reference = handEvaluator(model, 1024);
    FullRankingEvaluator batched = handEvaluator(model, batchSize);

    for (Split split : Split.values()) {
      EvaluationResult expected = reference.evaluate(split);
      EvaluationResult actual = batched.evaluate(split);
      assertThat(actual.means()).isEqualTo(expected.means());
      assertThat(actual.perUser()).isEqualTo(expected.perUser());
      assertThat(actual.usersEvaluated()).isEqualTo(expected.usersEvaluated());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 1024})
  void randomScoresMatchBruteForceRankingForAnyBatchSize(int batchSize) {
    RandomCase random = RandomCase.create(50, 40, 20240611L);
    List<Integer> ks = List.of(1, 5, 10, 20, 50); // 50 > 40 items
    FullRankingEvaluator evaluator =
        new FullRankingEvaluator(
            session, tf, new ConstantScoreModel(tf, random.scores()), random.dataset(),
            new EvaluationOptions(ks, batchSize, true));

    for (Split split : Split.values()) {
      EvaluationResult result = evaluator.evaluate(split);
      BruteForce expected = BruteForce.evaluate(random, split, ks);

      assertThat(result.usersEvaluated()).isEqualTo(expected.users().size());
      PerUserMetrics table = result.perUser();
      for (int row = 0; row < table.size(); row++) {
        assertThat(table.user(row)).isEqualTo(expected.users().get(row));
        assertThat(table.topItems(row).orElseThrow())
            .as("%s top items of user %d", split, table.user(row))
            .containsExactly(expected.rankings().get(row));
        assertThat(table.values(row)).containsExactly(expected.values().get(row), within(1e-12));
      }
      for (int m = 0; m < expected.names().size(); m++) {
        assertThat(result.metric(expected.names().get(m)))
            .as("%s %s", split, expected.names().get(m))
            .isCloseTo(expected.means()[m], within(1e-12));
      }
    }
  }

  /** Random tied scores (ten levels) and random train / valid / test pairs with a fixed seed. */
  private record RandomCase(float[][] scores, Dataset dataset) {
    static RandomCase create(int users, int items, long seed) {
      Random random = new Random(seed);
      float[][] scores = new float[users][items];
      List<int[]> train = new ArrayList<>();
      List<int[]> valid = new ArrayList<>();
      List<int[]> test = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        for (int i = 0; i < items; i++) {
          scores[u][i] = random.nextInt(10) / 10f;
          double draw = random.nextDouble();
          // user 0 has no validation items; user 1 has seen almost everything
          double trainShare = u == 1 ? 0.9 : 0.3;
          if (draw < trainShare) {
            train.add(new int[] {u, i});
          } else if (draw < trainShare + 0.05 && u != 0) {
            valid.add(new int[] {u, i});
          } else if (draw < trainShare + 0.1) {
            test.add(new int[] {u, i});
          }
        }
      }
      return new RandomCase(
          scores, Dataset.of("random", users, items, pairs(train), pairs(valid), pairs(test)));
    }

    private static Interactions pairs(List<int[]> list) {
      return Interactions.of(
          list.stream().mapToInt(p -> p[0]).toArray(), list.stream().mapToInt(p -> p[1]).toArray());
    }
  }

  /** A pure-Java reference: sort unmasked items by score, then id; metrics from the definitions. */
  private record BruteForce(
      List<String> names, List<Integer> users, List<int[]> rankings, List<double[]> values,
      double[] means) {

    static BruteForce evaluate(RandomCase random, Split split, List<Integer> ks) {
      Dataset data = random.dataset();
      UserItemMatrix truthMatrix = split == Split.VALID ? data.validMatrix() : data.testMatrix();
      List<String> names = new ArrayList<>();
      for (int k : ks) {
        names.addAll(List.of("recall@" + k, "ndcg@" + k, "precision@" + k, "hit@" + k,
            "mrr@" + k, "map@" + k, "popularity@" + k, "long_tail@" + k));
      }
      int[] counts = new int[data.numItems()];
      for (int u = 0; u < data.numUsers(); u++) {
        for (int i : data.trainMatrix().items(u)) {
          counts[i]++;
        }
      }
      int headSize = (int) Math.ceil(0.2 * data.numItems());
      List<Integer> head = IntStream.range(0, data.numItems()).boxed()
          .sorted(Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparing(i -> i))
          .limit(headSize).toList();
      List<Integer> users = new ArrayList<>();
      List<int[]> rankings = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      double[] sums = new double[names.size()];
      int maxK = ks.get(ks.size() - 1);
      for (int u = 0; u < data.numUsers(); u++) {
        int[] truth = truthMatrix.items(u);
        if (truth.length == 0) {
          continue;
        }
        final int user = u;
        float[] row = random.scores()[u];
        int[] ranking =
            IntStream.range(0, data.numItems())
                .filter(i -> !data.trainMatrix().contains(user, i))
                .filter(i -> split == Split.VALID || !data.validMatrix().contains(user, i))
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -row[i]).thenComparing(i -> i))
                .limit(maxK)
                .mapToInt(Integer::intValue)
                .toArray();
        double[] userValues = new double[names.size()];
        int column = 0;
        for (int k : ks) {
          int hits = 0;
          double dcg = 0;
          double firstHit = 0;
          double precisions = 0;
          double popularity = 0;
          double tail = 0;
          int listed = Math.min(k, ranking.length);
          for (int r = 0; r < listed; r++) {
            if (Arrays.binarySearch(truth, ranking[r]) >= 0) {
              hits++;
              dcg += 1 / (Math.log(r + 2) / Math.log(2));
              precisions += hits / (r + 1.0);
              firstHit = firstHit == 0 ? 1 / (r + 1.0) : firstHit;
            }
            popularity += counts[ranking[r]];
            tail += head.contains(ranking[r]) ? 0 : 1;
          }
          double ideal = 0;
          for (int r = 0; r < Math.min(k, truth.length); r++) {
            ideal += 1 / (Math.log(r + 2) / Math.log(2));
          }
          userValues[column++] = (double) hits / truth.length;
          userValues[column++] = dcg / ideal;
          userValues[column++] = (double) hits / k;
          userValues[column++] = hits > 0 ? 1 : 0;
          userValues[column++] = firstHit;
          userValues[column++] = precisions / Math.min(k, truth.length);
          userValues[column++] = listed == 0 ? 0 : popularity / listed;
          userValues[column++] = listed == 0 ? 0 : tail / listed;
        }
        users.add(u);
        rankings.add(ranking);
        values.add(userValues);
        for (int m = 0; m < sums.length; m++) {
          sums[m] += userValues[m];
        }
      }
      double[] means = new double[sums.length];
      for (int m = 0; m < sums.length; m++) {
        means[m] = sums[m] / users.size();
      }
      return new BruteForce(names, users, rankings, values, means);
    }
  }
}
