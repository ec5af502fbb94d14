package org.ddrm.core.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one full-ranking evaluation.
 *
 * @param split the split ranked against
 * @param means the mean of every metric over the evaluated users, in {@link
 *     RankingMetrics#names()} order, then the whole evaluation's {@code coverage@K}
 *     (unmodifiable, insertion-ordered)
 * @param usersEvaluated users with a non-empty ground truth that were ranked
 * @param wallSeconds wall-clock time of the evaluation
 * @param perUser the per-user table
 */
public record EvaluationResult(
    Split split,
    Map<String, Double> means,
    int usersEvaluated,
    double wallSeconds,
    PerUserMetrics perUser) {

  public EvaluationResult {
    means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
  }

  /** The mean of one metric, by name (e.g. {@code recall@10}). */
  public double metric(String name) {
    Double value = means.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no metric '" + name + "'; known: " + means.keySet());
    }
    return value;
  }

  /** The mean of one metric at one cut-off. */
  public double metric(RankingMetric metric, int k) {
    return metric(metric.at(k));
  }
}
