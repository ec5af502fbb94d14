package org.ddrm.eval.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's account of a suite's hyper-parameter searches: per searched row, how the trials
 * were proposed, how many ran, which was selected on which validation metric, and every trial's
 * settings with its validation and test metrics ({@code results.md}'s search section and
 * {@code search.csv}).
 */
final class SearchReport {
  private SearchReport() {}

  /** The markdown section; empty without searches. */
  static String markdown(SuiteFile suite, List<SearchPlan> plans) {
    if (plans.isEmpty()) {
      return "";
    }
    SearchSettings search = suite.search().orElseThrow();
    StringBuilder out = new StringBuilder("\n## Hyper-parameter search\n\n");
    out.append(String.format(Locale.ROOT, "%s search, selected on validation %s; each trial runs"
        + " with %s, the selected configuration then with every seed of the table.%s%n",
        methodName(search.method()), search.metric(), seedText(suite),
        search.ranges().isEmpty() ? "" : " Ranges: " + search.ranges().entrySet().stream()
            .map(e -> e.getKey() + " = " + e.getValue().describe())
            .collect(Collectors.joining(", ")) + "."));
    for (SearchPlan plan : plans) {
      long finished = plan.trials().stream()
          .filter(t -> t.outcome().status() == CellOutcome.Status.FINISHED).count();
      Optional<SearchPlan.Trial> selected = plan.selected();
      out.append("\n### ").append(plan.row().name()).append("\n\n");
      double wall = plan.trials().stream().mapToDouble(t -> t.outcome().wallSeconds())
          .filter(w -> !Double.isNaN(w)).sum();
      out.append(String.format(Locale.ROOT, "%d of %d trials finished (%.0f s of wall time)%s.%n%n",
          finished, plan.planned(), wall, selected.map(t -> "; selected: trial " + (t.index() + 1) + " ("
              + pointText(t.cell().variant().point()) + ")").orElse(plan.complete()
                  ? "; none finished, nothing selected" : "; the search is still running")));
      List<String> keys = keys(plan);
      out.append("| trial |");
      keys.forEach(k -> out.append(' ').append(k).append(" |"));
      out.append(" valid ").append(search.metric()).append(" |");
      suite.metrics().forEach(m -> out.append(" test ").append(m).append(" |"));
      out.append(" |\n|---|");
      keys.forEach(k -> out.append("---|"));
      out.append("---|");
      suite.metrics().forEach(m -> out.append("---|"));
      out.append("---|\n");
      for (SearchPlan.Trial t : plan.trials()) {
        out.append("| ").append(t.index() + 1).append(" |");
        keys.forEach(k -> out.append(' ').append(t.cell().variant().point().get(k)).append(" |"));
        out.append(' ').append(value(t.outcome().valid().get(search.metric()))).append(" |");
        suite.metrics().forEach(m -> out.append(' ').append(value(t.outcome().test().get(m)))
            .append(" |"));
        out.append(' ').append(selected.filter(s -> s.index() == t.index()).isPresent()
            ? "**selected**" : status(t)).append(" |\n");
      }
    }
    return out.toString();
  }

  /** One line per trial: row, trial, each key, validation metric, test metrics, status. */
  static String csv(SuiteFile suite, List<SearchPlan> plans) {
    SearchSettings search = suite.search().orElseThrow();
    List<String> keys = new ArrayList<>();
    plans.forEach(p -> keys(p).stream().filter(k -> !keys.contains(k)).forEach(keys::add));
    StringBuilder out = new StringBuilder("row,trial");
    keys.forEach(k -> out.append(',').append(k));
    out.append(",valid_").append(search.metric());
    suite.metrics().forEach(m -> out.append(",test_").append(m));
    out.append(",status\n");
    for (SearchPlan plan : plans) {
      Optional<Integer> selected = plan.selected().map(SearchPlan.Trial::index);
      for (SearchPlan.Trial t : plan.trials()) {
        out.append(plan.row().name()).append(',').append(t.index() + 1);
        keys.forEach(k -> out.append(',').append(t.cell().variant().point().getOrDefault(k, "")));
        out.append(',').append(number(t.outcome().valid().get(search.metric())));
        suite.metrics().forEach(m -> out.append(',').append(number(t.outcome().test().get(m))));
        out.append(',').append(selected.filter(s -> s == t.index()).isPresent() ? "selected"
            : t.outcome().status().name().toLowerCase(Locale.ROOT)).append('\n');
      }
    }
    return out.toString();
  }

  private static List<String> keys(SearchPlan plan) {
    List<String> keys = new ArrayList<>();
    plan.trials().forEach(t -> t.cell().variant().point().keySet().stream()
        .filter(k -> !keys.contains(k)).forEach(keys::add));
    return keys;
  }

  private static String methodName(SearchSettings.Method method) {
    return switch (method) {
      case GRID -> "Grid";
      case RANDOM -> "Random";
      case TPE -> "Tree-structured Parzen estimator (TPE)";
    };
  }

  private static String seedText(SuiteFile suite) {
    return suite.seeds().isEmpty() ? "its config's seed" : "seed " + suite.seeds().get(0);
  }

  private static String pointText(Map<String, String> point) {
    return point.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String status(SearchPlan.Trial t) {
    return switch (t.outcome().status()) {
      case FINISHED -> "";
      case RUNNING -> "running";
      case FAILED, MISSING -> "failed: " + t.outcome().reason().replace("|", "\\|");
      case NOT_RUN -> "not run";
    };
  }

  private static String value(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String number(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.6f", v);
  }
}
