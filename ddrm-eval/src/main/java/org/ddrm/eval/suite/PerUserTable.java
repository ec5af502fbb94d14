package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ddrm.core.evaluation.PerUserMetricsWriter;

/** One metric of one split of a run's per-user table: user id to value. */
final class PerUserTable {
  private PerUserTable() {}

  /** The metric's value per user of {@code split} in {@code runDirectory}'s per-user table. */
  static Map<Integer, Double> read(Path runDirectory, String split, String metric) {
    List<String> lines = PerUserMetricsWriter.lines(runDirectory);
    Path file = runDirectory.resolve(PerUserMetricsWriter.FILE_NAME);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty");
    }
    List<String> header = Arrays.asList(lines.get(0).split("\t"));
    int column = header.indexOf(metric);
    if (column < 0) {
      throw new IllegalArgumentException(file + " has no column '" + metric + "' (columns: "
          + header + ")");
    }
    Map<Integer, Double> values = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t");
      if (fields[1].equals(split)) {
        values.put(Integer.parseInt(fields[0]), Double.parseDouble(fields[column]));
      }
    }
    return values;
  }
}
