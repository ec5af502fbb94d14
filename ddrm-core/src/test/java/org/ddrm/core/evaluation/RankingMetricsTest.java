package org.ddrm.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.Interactions;
import org.ddrm.api.UserItemMatrix;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static final double EPS = 1e-12;
  private static final double INV_LOG2_3 = 1 / (Math.log(3) / Math.log(2)); // 1/log2(3) ~ 0.6309

  private static double value(RankingMetrics metrics, double[] values, RankingMetric metric, int k) {
    return values[metrics.names().indexOf(metric.at(k))];
  }

  @Test
  void namesListRecallNdcgPrecisionHitForEachAscendingK() {
    RankingMetrics metrics = new RankingMetrics(List.of(20, 10, 20));

    assertThat(metrics.ks()).containsExactly(10, 20);
    assertThat(metrics.names())
        .containsExactly(
            "recall@10", "ndcg@10", "precision@10", "hit@10", "mrr@10", "map@10",
            "recall@20", "ndcg@20", "precision@20", "hit@20", "mrr@20", "map@20");
  }

  @Test
  void mrrAndMapMatchHandComputedValues() {
    RankingMetrics metrics = new RankingMetrics(List.of(1, 3, 5));
    // ranked [9, 4, 7, 2, 8], truth {2, 4, 6}: hits at 0-based ranks 1 and 3
    double[] values = metrics.evaluate(new int[] {9, 4, 7, 2, 8}, new int[] {2, 4, 6}).orElseThrow();

    assertThat(value(metrics, values, RankingMetric.MRR, 1)).isEqualTo(0.0);
    assertThat(value(metrics, values, RankingMetric.MRR, 3)).isCloseTo(0.5, within(EPS));
    assertThat(value(metrics, values, RankingMetric.MRR, 5)).isCloseTo(0.5, within(EPS));
    assertThat(value(metrics, values, RankingMetric.MAP, 1)).isEqualTo(0.0);
    // K = 3: precision 1/2 at rank 2, over min(3, 3)
    assertThat(value(metrics, values, RankingMetric.MAP, 3)).isCloseTo(0.5 / 3, within(EPS));
    // K = 5: (1/2 + 2/4) / 3
    assertThat(value(metrics, values, RankingMetric.MAP, 5)).isCloseTo(1.0 / 3, within(EPS));
  }

  @Test
  void popularityAndLongTailShareMatchHandComputedValues() {
    // 5 items with train counts 5, 0, 3, 1, 3: the head is the top fifth = item 0 alone
    ItemPopularity popularity = new ItemPopularity(new int[] {5, 0, 3, 1, 3},
        new boolean[] {false, true, true, true, true});
    RankingMetrics metrics = new RankingMetrics(List.of(1, 2, 4), Optional.of(popularity));
    double[] values = metrics.evaluate(new int[] {0, 3, 2}, new int[] {2}).orElseThrow();

    assertThat(metrics.names()).contains("popularity@1", "long_tail@4");
    assertThat(value(metrics, values, RankingMetric.POPULARITY, 1)).isCloseTo(5.0, within(EPS));
    assertThat(value(metrics, values, RankingMetric.LONG_TAIL, 1)).isEqualTo(0.0);
    assertThat(value(metrics, values, RankingMetric.POPULARITY, 2)).isCloseTo(3.0, within(EPS));
    assertThat(value(metrics, values, RankingMetric.LONG_TAIL, 2)).isCloseTo(0.5, within(EPS));
    // K = 4 but only 3 items ranked: means over the 3
    assertThat(value(metrics, values, RankingMetric.POPULARITY, 4)).isCloseTo(3.0, within(EPS));
    assertThat(value(metrics, values, RankingMetric.LONG_TAIL, 4)).isCloseTo(2.0 / 3, within(EPS));
  }

  @Test
  void theShortHeadIsTheMostPopularFifthWithTiesToTheLowerId() {
    UserItemMatrix train = UserItemMatrix.of(3, 10, Interactions.of(
        new int[] {0, 1, 2, 0, 1, 0}, new int[] {7, 7, 7, 3, 3, 5}));
    ItemPopularity popularity = ItemPopularity.of(train, 3, 10);

    assertThat(popularity.counts()).containsExactly(0, 0, 0, 2, 0, 1, 0, 3, 0, 0);
    // head = 2 of 10 items: 7 (3) and 3 (2)
    for (int item = 0; item < 10; item++) {
      assertThat(popularity.longTail()[item]).as("item %d", item).isEqualTo(item != 7 && item != 3);
    }
  }

  @Test
  void oneHitAtSecondRankOfTwoGivesHandComputedValues() {
    RankingMetrics metrics = new RankingMetrics(List.of(2));

    double[] values = metrics.evaluate(new int[] {3, 1, 4, 0}, new int[] {0, 1}).orElseThrow();

    // top 2 = [3, 1]: one hit (item 1) at rank 1 of |G| = 2.
    assertThat(value(metrics, values, RankingMetric.RECALL, 2)).isCloseTo(0.5, within(EPS));
    assertThat(value(metrics, values, RankingMetric.PRECISION, 2)).isCloseTo(0.5, within(EPS));
    assertThat(value(metrics, values, RankingMetric.HIT, 2)).isEqualTo(1.0);
    // DCG = 1/log2(1 + 2); ideal over min(2, 2) = 2 ranks: 1/log2(2) + 1/log2(3).
    assertThat(value(metrics, values, RankingMetric.NDCG, 2))
        .isCloseTo(INV_LOG2_3 / (1 + INV_LOG2_3), within(EPS));
  }

  @Test
  void recallDividesByTruthSizeEvenWhenItExceedsK() {
    RankingMetrics metrics = new RankingMetrics(List.of(1));

    double[] values = metrics.evaluate(new int[] {5, 6}, new int[] {5, 7, 8, 9}).orElseThrow();

    // one hit over |G| = 4 (not over min(K, |G|) = 1)
    assertThat(value(metrics, values, RankingMetric.RECALL, 1)).isCloseTo(0.25, within(EPS));
    assertThat(value(metrics, values, RankingMetric.PRECISION, 1)).isCloseTo(1.0, within(EPS));
    // ideal DCG over min(1, 4) = 1 rank, so a hit at rank 0 is perfect
    assertThat(value(metrics, values, RankingMetric.NDCG, 1)).isCloseTo(1.0, within(EPS));
  }

  @Test
  void kLargerThanTheListCountsOnlyRankedItemsButPrecisionStillDividesByK() {
    RankingMetrics metrics = new RankingMetrics(List.of(10));

    double[] values = metrics.evaluate(new int[] {3, 1, 4, 0}, new int[] {0, 1, 7}).orElseThrow();

    // hits at ranks 1 (item 1) and 3 (item 0): 2 of |G| = 3, precision 2 / 10
    assertThat(value(metrics, values, RankingMetric.RECALL, 10)).isCloseTo(2.0 / 3, within(EPS));
    assertThat(value(metrics, values, RankingMetric.PRECISION, 10)).isCloseTo(0.2, within(EPS));
    assertThat(value(metrics, values, RankingMetric.HIT, 10)).isEqualTo(1.0);
    // DCG = 1/log2(3) + 1/log2(5); ideal over min(10, 3) = 3 ranks: 1 + 1/log2(3) + 1/log2(4)
    double dcg = INV_LOG2_3 + 1 / (Math.log(5) / Math.log(2));
    double ideal = 1 + INV_LOG2_3 + 0.5;
    assertThat(value(metrics, values, RankingMetric.NDCG, 10)).isCloseTo(dcg / ideal, within(EPS));
  }

  @Test
  void missesGiveZeroes() {
    RankingMetrics metrics = new RankingMetrics(List.of(1, 3));

    double[] values = metrics.evaluate(new int[] {3, 1, 4}, new int[] {9}).orElseThrow();

    assertThat(values).containsOnly(0.0);
  }

  @Test
  void cutOffsReadOnlyTheirOwnPrefix() {
    RankingMetrics metrics = new RankingMetrics(List.of(1, 3));

    double[] values = metrics.evaluate(new int[] {3, 1, 4}, new int[] {4}).orElseThrow();

    // item 4 sits at rank 2: a miss at K = 1, a hit at K = 3 with DCG 1/log2(4) = 0.5, ideal 1
    assertThat(value(metrics, values, RankingMetric.HIT, 1)).isEqualTo(0.0);
    assertThat(value(metrics, values, RankingMetric.RECALL, 3)).isCloseTo(1.0, within(EPS));
    assertThat(value(metrics, values, RankingMetric.PRECISION, 3)).isCloseTo(1.0 / 3, within(EPS));
    assertThat(value(metrics, values, RankingMetric.NDCG, 3)).isCloseTo(0.5, within(EPS));
  }

  @Test
  void emptyGroundTruthHasNoMetricsAndIsSkippedByTheMeans() {
    RankingMetrics metrics = new RankingMetrics(List.of(1));
    MetricMeans means = new MetricMeans(metrics.names());

    metrics.evaluate(new int[] {2, 0}, new int[] {2}).ifPresent(means::add); // recall@1 = 1
    metrics.evaluate(new int[] {2, 0}, new int[] {}).ifPresent(means::add); // skipped
    metrics.evaluate(new int[] {2, 0}, new int[] {0}).ifPresent(means::add); // recall@1 = 0

    assertThat(metrics.evaluate(new int[] {1}, new int[] {})).isEmpty();
    assertThat(means.count()).isEqualTo(2);
    assertThat(means.means().get("recall@1")).isCloseTo(0.5, within(EPS));
    assertThat(means.means().keySet()).containsExactlyElementsOf(metrics.names());
  }

  @Test
  void rejectsNonPositiveCutOffsAndUnsortedTruth() {
    assertThatThrownBy(() -> new RankingMetrics(List.of(10, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> new RankingMetrics(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one K");
    RankingMetrics metrics = new RankingMetrics(List.of(1));
    assertThatThrownBy(() -> metrics.evaluate(new int[] {1}, new int[] {3, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ascending");
  }
}
