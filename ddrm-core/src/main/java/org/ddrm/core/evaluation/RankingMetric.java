package org.ddrm.core.evaluation;

import java.util.Locale;

/** The ranking metrics computed at every cut-off K, in the order they are reported. */
public enum RankingMetric {
  /** Hits in the top K over the size of the ground truth. */
  RECALL,
  /** DCG with a log2(rank + 2) discount over the ideal DCG of min(K, |truth|) hits. */
  NDCG,
  /** Hits in the top K over K. */
  PRECISION,
  /** 1 when the top K holds at least one hit, else 0. */
  HIT,
  /** The reciprocal rank of the first hit in the top K, 0 without one. */
  MRR,
  /** Average precision: precision at each hit's rank in the top K, summed over min(K, |truth|). */
  MAP,
  /** The mean train interaction count of the top K items ({@link ItemPopularity}). */
  POPULARITY,
  /** The share of the top K items in the long tail ({@link ItemPopularity}). */
  LONG_TAIL;

  /** Whether the metric needs item popularity rather than only the ground truth. */
  boolean needsPopularity() {
    return this == POPULARITY || this == LONG_TAIL;
  }

  /** The metric's name at cut-off {@code k}, e.g. {@code recall@10}. */
  public String at(int k) {
    return name().toLowerCase(Locale.ROOT) + "@" + k;
  }
}
