package org.ddrm.eval.suite;

import java.util.List;
import java.util.Map;

/**
 * How a suite searches its rows' hyper-parameters ({@code search.*} keys): the trials run with
 * the suite's first seed, each row's configuration is selected on a validation metric, and the
 * selected configuration alone runs with every seed and stands for the row in the table.
 *
 * @param method how trials are proposed
 * @param budget how many trials each row runs ({@code grid}: every point of the sweeps)
 * @param metric the validation metric the selection maximises
 * @param seed the sampler's seed (proposals are a function of it and the finished trials)
 * @param startup for {@code tpe}: the trials drawn at random before the model proposes
 * @param ranges the searched keys and their ranges ({@code random}, {@code tpe})
 * @param rows the rows searched (empty: every row)
 */
public record SearchSettings(Method method, int budget, String metric, long seed, int startup,
    Map<String, SearchRange> ranges, List<String> rows) {

  /** How trials are proposed. */
  public enum Method {
    /** Every point of the {@code sweep.*} axes. */
    GRID,
    /** Each trial drawn independently from the ranges. */
    RANDOM,
    /** Tree-structured Parzen estimators: {@link TreeParzenSearch}. */
    TPE
  }

  /** Whether the search covers the named row. */
  public boolean covers(String row) {
    return rows.isEmpty() || rows.contains(row);
  }
}
