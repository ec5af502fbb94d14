package org.ddrm.eval.evaluation;

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
  HIT;

  /** The metric's name at cut-off {@code k}, e.g. {@code recall@10}. */
  public String at(int k) {
    return name().toLowerCase(Locale.ROOT) + "@" + k;
  }
}
