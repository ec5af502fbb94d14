package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Two finished runs compared user by user on one split: per metric, both runs' means over the
 * users both evaluated and the paired tests of {@link PairedTests}. What a suite report does for
 * a row against its baseline, for any two run directories (say two points of one sweep).
 */
public final class RunComparison {
  private RunComparison() {}

  /**
   * One metric's comparison.
   *
   * @param mean the first run's mean over the paired users
   * @param otherMean the second run's mean over the same users
   */
  public record Line(String metric, double mean, double otherMean, PairedTests.Outcome tests) {}

  /**
   * Compares {@code run} with {@code other} on {@code split}.
   *
   * @throws IllegalArgumentException when a run lacks a metric's column, or the runs share fewer
   *     than two users of the split
   */
  public static List<Line> of(Path run, Path other, String split, List<String> metrics) {
    List<Line> lines = new ArrayList<>();
    for (String metric : metrics) {
      Map<Integer, Double> mine = PerUserTable.read(run, split, metric);
      Map<Integer, Double> theirs = PerUserTable.read(other, split, metric);
      double[] x = mine.entrySet().stream().filter(e -> theirs.containsKey(e.getKey()))
          .mapToDouble(Map.Entry::getValue).toArray();
      double[] y = mine.keySet().stream().filter(theirs::containsKey)
          .mapToDouble(theirs::get).toArray();
      if (x.length < 2) {
        throw new IllegalArgumentException(run + " and " + other + " share " + x.length
            + " user(s) of the " + split + " split; a paired test needs two or more");
      }
      lines.add(new Line(metric, Arrays.stream(x).average().orElseThrow(),
          Arrays.stream(y).average().orElseThrow(), PairedTests.test(x, y)));
    }
    return lines;
  }
}
