package org.ddrm.core.evaluation;

import java.util.List;

/**
 * How a {@link FullRankingEvaluator} ranks.
 *
 * @param ks the cut-offs, stored ascending and de-duplicated
 * @param batchSize users scored per session run (memory is about batchSize x numItems floats)
 * @param keepTopItems whether each user's ranked top-K item ids are kept in the per-user table
 */
public record EvaluationOptions(List<Integer> ks, int batchSize, boolean keepTopItems) {
  /** The default number of users per evaluation batch. */
  public static final int DEFAULT_BATCH_SIZE = 1024;

  public EvaluationOptions {
    ks = RankingMetrics.normalizeKs(ks);
    if (batchSize <= 0) {
      throw new IllegalArgumentException("evaluation batch size must be positive, got " + batchSize);
    }
  }

  /** K in {10, 20, 50, 100}, 1024 users per batch, no top-K lists kept. */
  public static EvaluationOptions defaults() {
    return new EvaluationOptions(RankingMetrics.DEFAULT_KS, DEFAULT_BATCH_SIZE, false);
  }
}
