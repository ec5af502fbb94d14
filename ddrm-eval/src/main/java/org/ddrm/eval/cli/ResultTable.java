package org.ddrm.eval.cli;

import java.util.Locale;
import java.util.Map;
import org.ddrm.eval.run.RunResult;

/** The metrics of a run as a small text table for the terminal. */
final class ResultTable {
  private ResultTable() {}

  static String render(RunResult result) {
    StringBuilder out = new StringBuilder();
    Map<String, Double> test = result.test().means();
    Map<String, Double> valid = result.valid().means();
    out.append(String.format(Locale.ROOT, "%-14s %10s %10s%n", "metric", "valid", "test"));
    test.forEach((name, value) -> out.append(String.format(Locale.ROOT, "%-14s %10.4f %10.4f%n", name,
        valid.getOrDefault(name, Double.NaN), value)));
    out.append(String.format(Locale.ROOT, "selected epoch %d, %d test users, wall %.1f s", result.bestEpoch(),
        result.test().usersEvaluated(), result.wallSeconds()));
    return out.toString();
  }
}
