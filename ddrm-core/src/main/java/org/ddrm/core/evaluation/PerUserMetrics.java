package org.ddrm.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-user table of one evaluation: for every evaluated user (ascending id), the size of
 * their ground truth, every metric value, and optionally their ranked top-K item ids. Immutable.
 */
public final class PerUserMetrics {
  private final List<String> metricNames;
  private final int[] users;
  private final int[] truthSizes;
  private final double[][] values;
  private final int[][] topItems;

  private PerUserMetrics(
      List<String> metricNames, int[] users, int[] truthSizes, double[][] values, int[][] topItems) {
    this.metricNames = metricNames;
    this.users = users;
    this.truthSizes = truthSizes;
    this.values = values;
    this.topItems = topItems;
  }

  /** The metric names, in the order of {@link #values(int)}. */
  public List<String> metricNames() {
    return metricNames;
  }

  /** Number of rows (evaluated users). */
  public int size() {
    return users.length;
  }

  /** The user id of a row. */
  public int user(int row) {
    return users[row];
  }

  /** The ground-truth size of a row's user. */
  public int truthSize(int row) {
    return truthSizes[row];
  }

  /** A copy of a row's metric values, in {@link #metricNames()} order. */
  public double[] values(int row) {
    return values[row].clone();
  }

  /** One metric of a row, by name (e.g. {@code recall@10}). */
  public double value(int row, String metric) {
    int index = metricNames.indexOf(metric);
    if (index < 0) {
      throw new IllegalArgumentException("no metric '" + metric + "'; known: " + metricNames);
    }
    return values[row][index];
  }

  /** Whether the ranked top-K lists were kept. */
  public boolean hasTopItems() {
    return topItems != null;
  }

  /** A copy of a row's ranked item ids (best first, at most max K long), when they were kept. */
  public Optional<int[]> topItems(int row) {
    return topItems == null ? Optional.empty() : Optional.of(topItems[row].clone());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PerUserMetrics that
        && metricNames.equals(that.metricNames)
        && Arrays.equals(users, that.users)
        && Arrays.equals(truthSizes, that.truthSizes)
        && Arrays.deepEquals(values, that.values)
        && Arrays.deepEquals(topItems, that.topItems);
  }

  @Override
  public int hashCode() {
    return Objects.hash(metricNames, Arrays.hashCode(users), Arrays.deepHashCode(values));
  }

  @Override
  public String toString() {
    return "PerUserMetrics[" + users.length + " users, " + metricNames + "]";
  }

  /** Collects rows in the order they are added. */
  static final class Builder {
    private final List<String> metricNames;
    private final boolean keepTopItems;
    private final List<Integer> users = new ArrayList<>();
    private final List<Integer> truthSizes = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private final List<int[]> topItems = new ArrayList<>();

    Builder(List<String> metricNames, boolean keepTopItems) {
      this.metricNames = List.copyOf(metricNames);
      this.keepTopItems = keepTopItems;
    }

    Builder add(int user, int truthSize, double[] rowValues, int[] ranked) {
      if (rowValues.length != metricNames.size()) {
        throw new IllegalArgumentException(
            "expected " + metricNames.size() + " metric values, got " + rowValues.length);
      }
      users.add(user);
      truthSizes.add(truthSize);
      values.add(rowValues.clone());
      if (keepTopItems) {
        topItems.add(ranked.clone());
      }
      return this;
    }

    PerUserMetrics build() {
      return new PerUserMetrics(
          metricNames,
          users.stream().mapToInt(Integer::intValue).toArray(),
          truthSizes.stream().mapToInt(Integer::intValue).toArray(),
          values.toArray(double[][]::new),
          keepTopItems ? topItems.toArray(int[][]::new) : null);
    }
  }
}
