package org.ddrm.eval.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expands a suite into its cells: for every row in order, every point of the grid of the suite's
 * and the row's axes (the first axis varies slowest), every seed.
 */
public final class SuiteGrid {
  private SuiteGrid() {}

  /** Every cell of the suite, in the order they run. */
  public static List<SuiteCell> cells(SuiteFile suite) {
    List<SuiteCell> cells = new ArrayList<>();
    for (SuiteFile.Row row : suite.rows()) {
      for (Variant variant : variants(suite, row)) {
        if (suite.seeds().isEmpty()) {
          cells.add(new SuiteCell(variant, Optional.empty()));
        } else {
          suite.seeds().forEach(seed -> cells.add(new SuiteCell(variant, Optional.of(seed))));
        }
      }
    }
    return cells;
  }

  /** The table rows of the suite: every row at every grid point, in order. */
  public static List<Variant> variants(SuiteFile suite) {
    List<Variant> variants = new ArrayList<>();
    suite.rows().forEach(row -> variants.addAll(variants(suite, row)));
    return variants;
  }

  private static List<Variant> variants(SuiteFile suite, SuiteFile.Row row) {
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
    return points.stream().map(p -> new Variant(row, p, overrides(suite, row, p))).toList();
  }

  private static List<String> overrides(SuiteFile suite, SuiteFile.Row row,
      Map<String, String> point) {
    List<String> out = new ArrayList<>();
    suite.set().forEach((k, v) -> out.add(k + "=" + v));
    row.set().forEach((k, v) -> out.add(k + "=" + v));
    point.forEach((axis, v) -> {
      for (String key : axis.split("\\+")) {
        out.add(key + "=" + v);
      }
    });
    return List.copyOf(out);
  }

  /**
   * A row at one grid point: one line of the results table.
   *
   * @param row the suite row
   * @param point the swept keys and their values here (empty without axes)
   * @param overrides every override of the variant's cells but the seed, in application order
   */
  public record Variant(SuiteFile.Row row, Map<String, String> point, List<String> overrides) {
    /** The variant's label and directory name: the row's name, then key=value per axis. */
    public String id() {
      StringBuilder out = new StringBuilder(row.name());
      point.forEach((k, v) -> out.append('_').append(k).append('=').append(v));
      return out.toString().replaceAll("[^A-Za-z0-9_.=@+-]", "-");
    }
  }
}
