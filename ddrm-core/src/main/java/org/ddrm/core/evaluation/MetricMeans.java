package org.ddrm.core.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running means of per-user metric values. Values are summed in the order they are added, so the
 * same users added in the same order give bit-identical means.
 */
public final class MetricMeans {
  private final List<String> names;
  private final double[] sums;
  private int count;

  /** Starts empty means over the given metric names (the order of every added row). */
  public MetricMeans(List<String> names) {
    this.names = List.copyOf(names);
    this.sums = new double[names.size()];
  }

  /** Adds one user's values, in name order. */
  public void add(double[] values) {
    if (values.length != sums.length) {
      throw new IllegalArgumentException(
          "expected " + sums.length + " metric values, got " + values.length);
    }
    for (int m = 0; m < sums.length; m++) {
      sums[m] += values[m];
    }
    count++;
  }

  /** Users added so far. */
  public int count() {
    return count;
  }

  /** The means by name, in name order; 0 for every metric while no user was added. */
  public Map<String, Double> means() {
    Map<String, Double> means = new LinkedHashMap<>();
    for (int m = 0; m < sums.length; m++) {
      means.put(names.get(m), count == 0 ? 0.0 : sums[m] / count);
    }
    return Collections.unmodifiableMap(means);
  }
}
