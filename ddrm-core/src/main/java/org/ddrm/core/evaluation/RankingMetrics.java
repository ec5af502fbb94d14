package org.ddrm.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Ranking metrics of one user from their ranked list and their ground truth, at a fixed set of
 * cut-offs. For each K (ascending) the values are, in this order, {@code recall@K},
 * {@code ndcg@K}, {@code precision@K}, {@code hit@K}, {@code mrr@K}, {@code map@K} and, given
 * {@link ItemPopularity}, {@code popularity@K} and {@code long_tail@K} (see {@link #names()}).
 *
 * <ul>
 *   <li>Recall@K = hits / |truth| (not min(K, |truth|)).
 *   <li>Precision@K = hits / K, also when fewer than K items could be ranked.
 *   <li>NDCG@K = sum over hits at 0-based rank r &lt; K of 1 / log2(r + 2), divided by the same
 *       sum over the first min(K, |truth|) ranks.
 *   <li>Hit@K = 1 when there is at least one hit, else 0.
 *   <li>MRR@K = 1 / (r + 1) for the first hit's 0-based rank r &lt; K, else 0.
 *   <li>MAP@K = sum over hits at rank r &lt; K of (hits in ranks 0..r) / (r + 1), divided by
 *       min(K, |truth|).
 *   <li>Popularity@K = the mean train count of the first min(K, list length) items; long_tail@K
 *       = the share of them in the long tail; both 0 for an empty list.
 * </ul>
 *
 * A user with an empty ground truth has no metrics and is skipped by the means.
 */
public final class RankingMetrics {
  /** The cut-offs of the reference protocol. */
  public static final List<Integer> DEFAULT_KS = List.of(10, 20, 50, 100);

  private final int[] ks;
  private final List<RankingMetric> perK;
  private final Optional<ItemPopularity> popularity;
  private final List<String> names;
  private final double[] discounts;
  private final double[] idealDcg;

  /**
   * @param ks the cut-offs, positive; sorted ascending and de-duplicated
   */
  public RankingMetrics(List<Integer> ks) {
    this(ks, Optional.empty());
  }

  /**
   * @param ks the cut-offs, positive; sorted ascending and de-duplicated
   * @param popularity the train popularity of the items, for the popularity-bias metrics (none:
   *     those metrics are left out)
   */
  public RankingMetrics(List<Integer> ks, Optional<ItemPopularity> popularity) {
    this.ks = normalizeKs(ks).stream().mapToInt(Integer::intValue).toArray();
    this.popularity = popularity;
    this.perK = Arrays.stream(RankingMetric.values())
        .filter(m -> popularity.isPresent() || !m.needsPopularity()).toList();
    List<String> metricNames = new ArrayList<>();
    for (int k : this.ks) {
      for (RankingMetric metric : perK) {
        metricNames.add(metric.at(k));
      }
    }
    this.names = Collections.unmodifiableList(metricNames);
    int maxK = this.ks[this.ks.length - 1];
    discounts = new double[maxK];
    idealDcg = new double[maxK + 1];
    for (int r = 0; r < maxK; r++) {
      discounts[r] = 1.0 / log2(r + 2);
      idealDcg[r + 1] = idealDcg[r] + discounts[r];
    }
  }

  /** Checks cut-offs and returns them ascending without repeats. */
  static List<Integer> normalizeKs(List<Integer> ks) {
    if (ks == null || ks.isEmpty()) {
      throw new IllegalArgumentException("ranking cut-offs: at least one K is needed");
    }
    for (Integer k : ks) {
      if (k == null || k <= 0) {
        throw new IllegalArgumentException("ranking cut-offs must be positive, got " + ks);
      }
    }
    return List.copyOf(new TreeSet<>(ks));
  }

  /** The cut-offs, ascending. */
  public List<Integer> ks() {
    List<Integer> list = new ArrayList<>(ks.length);
    for (int k : ks) {
      list.add(k);
    }
    return Collections.unmodifiableList(list);
  }

  /** The largest cut-off: no ranked list needs to be longer. */
  public int maxK() {
    return ks[ks.length - 1];
  }

  /** The metric names in value order: for each K, recall, ndcg, precision, hit. */
  public List<String> names() {
    return names;
  }

  /**
   * Computes every metric of one user.
   *
   * @param ranked the user's distinct item ids, best first; may be shorter than K (only the first
   *     {@link #maxK()} are read)
   * @param truth the user's ground-truth item ids, ascending and distinct
   * @return the values in {@link #names()} order, or empty when the ground truth is empty
   */
  public Optional<double[]> evaluate(int[] ranked, int[] truth) {
    checkAscending(truth);
    if (truth.length == 0) {
      return Optional.empty();
    }
    int metricsPerK = perK.size();
    double[] values = new double[ks.length * metricsPerK];
    int listLength = Math.min(ranked.length, maxK());
    int rank = 0;
    int hits = 0;
    double dcg = 0;
    double reciprocalRank = 0;
    double precisionSum = 0;
    double popularitySum = 0;
    int longTail = 0;
    for (int c = 0; c < ks.length; c++) {
      int k = ks[c];
      for (; rank < Math.min(k, listLength); rank++) {
        if (contains(truth, ranked[rank])) {
          hits++;
          dcg += discounts[rank];
          precisionSum += (double) hits / (rank + 1);
          if (reciprocalRank == 0) {
            reciprocalRank = 1.0 / (rank + 1);
          }
        }
        if (popularity.isPresent()) {
          popularitySum += popularity.get().counts()[ranked[rank]];
          longTail += popularity.get().longTail()[ranked[rank]] ? 1 : 0;
        }
      }
      int base = c * metricsPerK;
      int cut = Math.min(k, truth.length);
      values[base + RankingMetric.RECALL.ordinal()] = (double) hits / truth.length;
      values[base + RankingMetric.NDCG.ordinal()] = dcg / idealDcg[cut];
      values[base + RankingMetric.PRECISION.ordinal()] = (double) hits / k;
      values[base + RankingMetric.HIT.ordinal()] = hits > 0 ? 1.0 : 0.0;
      values[base + RankingMetric.MRR.ordinal()] = reciprocalRank;
      values[base + RankingMetric.MAP.ordinal()] = precisionSum / cut;
      if (popularity.isPresent()) {
        values[base + RankingMetric.POPULARITY.ordinal()] = rank == 0 ? 0 : popularitySum / rank;
        values[base + RankingMetric.LONG_TAIL.ordinal()] = rank == 0 ? 0 : (double) longTail / rank;
      }
    }
    return Optional.of(values);
  }

  private static boolean contains(int[] sorted, int item) {
    return Arrays.binarySearch(sorted, item) >= 0;
  }

  private static void checkAscending(int[] truth) {
    for (int i = 1; i < truth.length; i++) {
      if (truth[i] <= truth[i - 1]) {
        throw new IllegalArgumentException(
            "ground truth must hold distinct item ids in ascending order, found "
                + truth[i - 1] + " before " + truth[i]);
      }
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
