package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Expands a suite into its cells: for every row in order, every point of the grid of the suite's
 * and the row's axes (the first axis varies slowest), every seed. A row the suite searches
 * ({@code search.*}) expands instead into its search's trials and, once the search is complete,
 * the selected trial with the other seeds: such a row's cells depend on the suite's directory.
 */
public final class SuiteGrid {
  private SuiteGrid() {}

  /** Every cell of the suite runnable now, in the order they run. */
  public static List<SuiteCell> cells(SuiteFile suite, Path out) {
    List<SuiteCell> cells = new ArrayList<>();
    for (SuiteFile.Row row : suite.rows()) {
      if (suite.searches(row)) {
        SearchPlan plan = SearchPlan.read(suite, row, out);
        plan.trials().forEach(t -> cells.add(t.cell()));
        plan.selected().ifPresent(t -> suite.seeds().stream().skip(1)
            .forEach(seed -> cells.add(new SuiteCell(t.cell().variant(), Optional.of(seed)))));
      } else {
        variants(suite, row).forEach(v -> cells.addAll(seeded(suite, v)));
      }
    }
    return cells;
  }

  /**
   * The table rows of the suite: every row at every grid point, in order; a searched row once,
   * as its selected trial (or, while its search runs, as the row without overrides).
   */
  public static List<Variant> variants(SuiteFile suite, Path out) {
    List<Variant> variants = new ArrayList<>();
    for (SuiteFile.Row row : suite.rows()) {
      if (suite.searches(row)) {
        variants.add(SearchPlan.read(suite, row, out).selected().map(t -> t.cell().variant())
            .orElseGet(() -> variant(suite, row, Map.of(), Optional.empty())));
      } else {
        variants.addAll(variants(suite, row));
      }
    }
    return variants;
  }

  /** The cells of the table's rows: each of {@link #variants} with every seed. */
  public static List<SuiteCell> tableCells(SuiteFile suite, Path out) {
    List<SuiteCell> cells = new ArrayList<>();
    variants(suite, out).forEach(v -> cells.addAll(seeded(suite, v)));
    return cells;
  }

  /** The searches of the suite's searched rows, as {@code out} holds them. */
  public static List<SearchPlan> searches(SuiteFile suite, Path out) {
    return suite.rows().stream().filter(suite::searches)
        .map(row -> SearchPlan.read(suite, row, out)).toList();
  }

  private static List<SuiteCell> seeded(SuiteFile suite, Variant variant) {
    if (suite.seeds().isEmpty()) {
      return List.of(new SuiteCell(variant, Optional.empty()));
    }
    return suite.seeds().stream().map(seed -> new SuiteCell(variant, Optional.of(seed))).toList();
  }

  private static List<Variant> variants(SuiteFile suite, SuiteFile.Row row) {
    return points(suite, row).stream()
        .map(p -> variant(suite, row, p, Optional.empty())).toList();
  }

  /** Every point of the grid of the suite's and the row's axes (one empty point without axes). */
  static List<Map<String, String>> points(SuiteFile suite, SuiteFile.Row row) {
    Map<String, List<String>> axes = new LinkedHashMap<>(suite.sweeps());
    axes.putAll(row.sweeps());
    List<Map<String, String>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> point : points) {
        for (String value : axis.getValue()) {
          Map<String, String> extended = new LinkedHashMap<>(point);
          extended.put(axis.getKey(), value);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }

  /** The row at a point: the suite's overrides, the row's, then the point's. */
  static Variant variant(SuiteFile suite, SuiteFile.Row row, Map<String, String> point,
      Optional<Integer> trial) {
    List<String> out = new ArrayList<>();
    suite.set().forEach((k, v) -> out.add(k + "=" + v));
    row.set().forEach((k, v) -> out.add(k + "=" + v));
    point.forEach((axis, v) -> {
      for (String key : axis.split("\\+")) {
        out.add(key + "=" + v);
      }
    });
    return new Variant(row, Collections.unmodifiableMap(new LinkedHashMap<>(point)),
        List.copyOf(out), trial);
  }

  /**
   * A row at one grid point, or one trial of the row's search: one line of the results table.
   *
   * @param row the suite row
   * @param point the swept or searched keys and their values here (empty without axes)
   * @param overrides every override of the variant's cells but the seed, in application order
   * @param trial the trial's index when the variant is a search trial
   */
  public record Variant(SuiteFile.Row row, Map<String, String> point, List<String> overrides,
      Optional<Integer> trial) {
    /**
     * The variant's directory name: the row's name, then key=value per axis; a search trial's is
     * the row's name and the trial's number.
     */
    public String id() {
      if (trial.isPresent()) {
        return String.format(Locale.ROOT, "%s_trial-%02d", row.name(), trial.get() + 1);
      }
      StringBuilder out = new StringBuilder(row.name());
      point.forEach((k, v) -> out.append('_').append(k).append('=').append(v));
      return out.toString().replaceAll("[^A-Za-z0-9_.=@+-]", "-");
    }
  }
}
