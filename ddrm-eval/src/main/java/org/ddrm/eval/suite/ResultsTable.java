package org.ddrm.eval.suite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.ddrm.core.evaluation.FullRankingEvaluator;
import org.ddrm.core.evaluation.Split;

/**
 * The suite's results in the shape of the paper's Table 2: one line per variant (row at a grid
 * point), each metric's mean and sample standard deviation over the finished seeds, and the
 * significance of its per-user test metrics against the baseline row at the same grid point
 * (users' values averaged over the seeds both ran). As in the paper, marks flag improvements:
 * {@code *} a paired t-test p below {@value #ALPHA}, {@code †} a Wilcoxon signed-rank p below
 * it (the p columns give both tests either way). Variants with running, failed, missing or
 * unrun cells say so.
 */
public final class ResultsTable {
  /** The significance level of the marks. */
  public static final double ALPHA = 0.01;

  private final SuiteFile suite;
  private final List<String> axes;
  private final List<Line> lines;
  private final List<Comparison> comparisons;

  private ResultsTable(SuiteFile suite, List<String> axes, List<Line> lines,
      List<Comparison> comparisons) {
    this.suite = suite;
    this.axes = axes;
    this.lines = lines;
    this.comparisons = comparisons;
  }

  /**
   * Mean and spread of one metric over a variant's seeds.
   *
   * @param mean the mean over seeds
   * @param sd the sample standard deviation (NaN with one seed)
   * @param n the number of seeds
   */
  public record Summary(double mean, double sd, int n) {}

  /**
   * One line of the table.
   *
   * @param variant the row at its grid point
   * @param against the baseline row it is tested against, if any
   * @param planned cells planned (seeds)
   * @param finished cells finished
   * @param metrics each metric's summary (empty when no cell finished)
   * @param significance each metric's tests against the baseline (empty without a baseline,
   *     or without finished baseline cells)
   * @param wallSeconds the finished cells' wall time summed (NaN when none is known)
   * @param note what is missing or failed
   */
  public record Line(SuiteGrid.Variant variant, Optional<String> against, int planned, int finished,
      Map<String, Summary> metrics, Map<String, PairedTests.Outcome> significance,
      double wallSeconds, String note) {}

  /**
   * A variant tested against one baseline row, both ways the report can pair them.
   *
   * @param variant the row at its grid point
   * @param against the baseline row (the marked one or one of {@code row.NAME.baseline}'s further
   *     rows)
   * @param overUsers each metric's tests over users (values averaged over the shared seeds)
   * @param overSeeds each metric's tests over the shared seeds' test means (at least two seeds)
   */
  public record Comparison(SuiteGrid.Variant variant, String against,
      Map<String, PairedTests.Outcome> overUsers, Map<String, PairedTests.Outcome> overSeeds) {}

  /**
   * Builds the table of the suite's {@code variants} (its lines, {@link SuiteGrid#variants})
   * from their cells' outcomes.
   */
  public static ResultsTable build(SuiteFile suite, List<SuiteGrid.Variant> variants,
      List<CellOutcome> outcomes) {
    Set<String> axisSet = new LinkedHashSet<>(suite.sweeps().keySet());
    suite.rows().forEach(r -> axisSet.addAll(r.sweeps().keySet()));
    suite.search().ifPresent(s -> axisSet.addAll(s.ranges().keySet()));
    Map<String, List<CellOutcome>> byVariant = new LinkedHashMap<>();
    for (SuiteGrid.Variant v : variants) {
      byVariant.put(v.id(), new ArrayList<>());
    }
    outcomes.forEach(o -> byVariant.get(o.cell().variant().id()).add(o));
    List<Line> lines = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    for (SuiteGrid.Variant variant : variants) {
      List<CellOutcome> cells = byVariant.get(variant.id());
      List<CellOutcome> done = cells.stream()
          .filter(c -> c.status() == CellOutcome.Status.FINISHED).toList();
      Map<String, Summary> metrics = new LinkedHashMap<>();
      for (String metric : suite.metrics()) {
        SummaryStatistics stats = new SummaryStatistics();
        done.stream().map(c -> c.test().get(metric)).filter(v -> v != null)
            .forEach(stats::addValue);
        if (stats.getN() > 0) {
          metrics.put(metric, new Summary(stats.getMean(),
              stats.getN() > 1 ? stats.getStandardDeviation() : Double.NaN, (int) stats.getN()));
        }
      }
      Optional<String> against = variant.row().testedAgainst(suite);
      Map<String, PairedTests.Outcome> significance = against.isEmpty() || done.isEmpty()
          ? Map.of()
          : baselineOf(variants, against.get(), variant, byVariant)
              .map(b -> significance(suite, done, b)).orElse(Map.of());
      lines.add(new Line(variant, against, cells.size(), done.size(), metrics, significance,
          wallSeconds(done), note(cells)));
      List<String> baselines = new ArrayList<>();
      against.ifPresent(baselines::add);
      baselines.addAll(variant.row().furtherBaselines());
      for (String b : baselines) {
        Optional<List<CellOutcome>> theirs = done.isEmpty() ? Optional.empty()
            : baselineOf(variants, b, variant, byVariant);
        comparisons.add(new Comparison(variant, b,
            theirs.map(t -> significance(suite, done, t)).orElse(Map.of()),
            theirs.map(t -> overSeeds(suite, done, t)).orElse(Map.of())));
      }
    }
    return new ResultsTable(suite, List.copyOf(axisSet), lines, List.copyOf(comparisons));
  }

  /** Each metric's paired tests over the seeds both finished (their test means), two or more. */
  private static Map<String, PairedTests.Outcome> overSeeds(SuiteFile suite,
      List<CellOutcome> cells, List<CellOutcome> baseline) {
    Map<Optional<Long>, CellOutcome> baselineBySeed = new LinkedHashMap<>();
    baseline.forEach(b -> baselineBySeed.put(b.cell().seed(), b));
    Map<String, PairedTests.Outcome> out = new LinkedHashMap<>();
    for (String metric : suite.metrics()) {
      List<double[]> pairs = new ArrayList<>();
      for (CellOutcome cell : cells) {
        CellOutcome other = baselineBySeed.get(cell.cell().seed());
        Double mine = cell.test().get(metric);
        Double theirs = other == null ? null : other.test().get(metric);
        if (mine != null && theirs != null) {
          pairs.add(new double[] {mine, theirs});
        }
      }
      if (pairs.size() >= 2) {
        out.put(metric, PairedTests.test(pairs.stream().mapToDouble(p -> p[0]).toArray(),
            pairs.stream().mapToDouble(p -> p[1]).toArray()));
      }
    }
    return out;
  }

  /**
   * The baseline row's finished cells at the variant's grid point (on the axes they share); a
   * searched baseline row has one line, its selected configuration.
   */
  private static Optional<List<CellOutcome>> baselineOf(List<SuiteGrid.Variant> variants,
      String baseline, SuiteGrid.Variant variant, Map<String, List<CellOutcome>> byVariant) {
    for (SuiteGrid.Variant candidate : variants) {
      if (!candidate.row().name().equals(baseline)) {
        continue;
      }
      boolean matches = candidate.trial().isPresent() || candidate.point().entrySet().stream()
          .allMatch(e -> e.getValue().equals(variant.point().get(e.getKey())));
      if (matches) {
        List<CellOutcome> done = byVariant.get(candidate.id()).stream()
            .filter(c -> c.status() == CellOutcome.Status.FINISHED).toList();
        return done.isEmpty() ? Optional.empty() : Optional.of(done);
      }
    }
    return Optional.empty();
  }

  private static Map<String, PairedTests.Outcome> significance(SuiteFile suite,
      List<CellOutcome> cells, List<CellOutcome> baseline) {
    Map<Optional<Long>, CellOutcome> baselineBySeed = new LinkedHashMap<>();
    baseline.forEach(b -> baselineBySeed.put(b.cell().seed(), b));
    List<CellOutcome> paired = cells.stream()
        .filter(c -> baselineBySeed.containsKey(c.cell().seed())).toList();
    Map<String, PairedTests.Outcome> out = new LinkedHashMap<>();
    if (paired.isEmpty()) {
      return out;
    }
    String split = Split.TEST.label();
    for (String metric : suite.metrics()) {
      if (metric.startsWith(FullRankingEvaluator.COVERAGE + "@")) {
        continue; // a whole-run metric: no per-user values to pair
      }
      Map<Integer, double[]> sums = new LinkedHashMap<>();
      for (CellOutcome cell : paired) {
        Map<Integer, Double> mine = PerUserTable.read(cell.directory(), split, metric);
        Map<Integer, Double> theirs = PerUserTable.read(
            baselineBySeed.get(cell.cell().seed()).directory(), split, metric);
        for (Map.Entry<Integer, Double> e : mine.entrySet()) {
          Double other = theirs.get(e.getKey());
          if (other != null) {
            double[] s = sums.computeIfAbsent(e.getKey(), u -> new double[3]);
            s[0] += e.getValue();
            s[1] += other;
            s[2]++;
          }
        }
      }
      List<double[]> complete = sums.values().stream().filter(s -> s[2] == paired.size()).toList();
      if (complete.size() < 2) {
        continue;
      }
      double[] x = complete.stream().mapToDouble(s -> s[0] / s[2]).toArray();
      double[] y = complete.stream().mapToDouble(s -> s[1] / s[2]).toArray();
      out.put(metric, PairedTests.test(x, y));
    }
    return out;
  }

  private static double wallSeconds(List<CellOutcome> cells) {
    double[] known = cells.stream().mapToDouble(CellOutcome::wallSeconds)
        .filter(w -> !Double.isNaN(w)).toArray();
    return known.length == 0 ? Double.NaN : Arrays.stream(known).sum();
  }

  /** The wall time of every finished cell whose time is known, summed. */
  public double totalWallSeconds() {
    return lines.stream().mapToDouble(Line::wallSeconds).filter(w -> !Double.isNaN(w)).sum();
  }

  private static String note(List<CellOutcome> cells) {
    List<String> notes = new ArrayList<>();
    Set<String> reasons = new TreeSet<>();
    long notRun = 0;
    List<String> running = new ArrayList<>();
    for (CellOutcome c : cells) {
      switch (c.status()) {
        case RUNNING -> running.add(c.reason());
        case MISSING -> reasons.add("missing: " + c.reason());
        case FAILED -> reasons.add("failed: " + c.reason());
        case NOT_RUN -> notRun++;
        default -> { }
      }
    }
    notes.addAll(reasons);
    if (!running.isEmpty()) {
      notes.add(running.size() + " of " + cells.size() + " cells running ("
          + String.join(", ", running) + ")");
    }
    if (notRun > 0) {
      notes.add(notRun + " of " + cells.size() + " cells not run");
    }
    return String.join("; ", notes);
  }

  public List<Line> lines() {
    return lines;
  }

  /** Every variant against every row it is tested against, the marked baseline first. */
  public List<Comparison> comparisons() {
    return comparisons;
  }

  /** The swept keys, suite axes first: the table's extra columns. */
  public List<String> axes() {
    return axes;
  }

  /** The table in Markdown, with the suite's name and the legend above it. */
  public String markdown() {
    StringBuilder out = new StringBuilder("# Suite `").append(suite.name()).append("`\n\n");
    if (!suite.description().isEmpty()) {
      out.append(suite.description()).append("\n\n");
    }
    out.append("Test metrics: mean ± sample standard deviation over seeds. Against the row in"
        + " `vs` (per-user values, paired over users) an improvement is marked `*` for paired"
        + " t-test p < " + ALPHA + ", `†` for Wilcoxon signed-rank p < " + ALPHA + "; the p"
        + " columns give both tests, better or worse.");
    out.append("\n\n| model |");
    axes.forEach(a -> out.append(' ').append(a).append(" |"));
    out.append(" seeds | vs |");
    for (String m : suite.metrics()) {
      out.append(' ').append(m).append(" | p (t / W) |");
    }
    out.append(" wall s | note |\n|---|");
    axes.forEach(a -> out.append("---|"));
    out.append("---|---|");
    suite.metrics().forEach(m -> out.append("---|---|"));
    out.append("---:|---|\n");
    for (Line line : lines) {
      out.append("| ").append(line.variant().row().name()).append(" |");
      axes.forEach(a -> out.append(' ').append(line.variant().point().getOrDefault(a, ""))
          .append(" |"));
      out.append(' ').append(line.finished()).append('/').append(line.planned()).append(" | ")
          .append(line.against().orElse("")).append(" |");
      for (String m : suite.metrics()) {
        Summary s = line.metrics().get(m);
        PairedTests.Outcome p = line.significance().get(m);
        out.append(' ').append(s == null ? "—" : plain(s) + marks(p, false)).append(" |");
        out.append(' ').append(p == null ? "" : String.format(Locale.ROOT, "%.2g / %.2g", p.tTestP(),
            p.wilcoxonP())).append(" |");
      }
      out.append(' ').append(Double.isNaN(line.wallSeconds()) ? ""
          : String.format(Locale.ROOT, "%.0f", line.wallSeconds())).append(" |");
      out.append(' ').append(line.note().replace("|", "\\|")).append(" |\n");
    }
    out.append(comparisonsMarkdown());
    double total = totalWallSeconds();
    out.append(String.format(Locale.ROOT, "%nWall time of the finished cells, summed: %.0f s (%.1f h). A run"
        + " interrupted and resumed counts every invocation; a backend loaded from the backend"
        + " cache counts in the run that trained it.%n", total, total / 3600));
    return out.toString();
  }

  /**
   * The section of every comparison, when a row names further baselines or the suite runs more
   * than one seed (empty otherwise): per metric the mean per-user difference, the tests over users and
   * the paired t-test over seeds.
   */
  private String comparisonsMarkdown() {
    boolean further = suite.rows().stream().anyMatch(r -> !r.furtherBaselines().isEmpty());
    if (!further && suite.seeds().size() < 2) {
      return "";
    }
    StringBuilder out = new StringBuilder("\n## Comparisons\n\nEvery row against each row it is"
        + " tested against (`row.NAME.baseline`, the marked one first): per metric the mean"
        + " per-user difference, the p-values over users (paired t-test / Wilcoxon, users'"
        + " values averaged over the shared seeds; marks as above) and the paired t-test p over"
        + " the shared seeds' test means (two seeds or more).\n\n| model |");
    axes.forEach(a -> out.append(' ').append(a).append(" |"));
    out.append(" vs |");
    suite.metrics().forEach(m -> out.append(' ').append(m).append(" diff | p users (t / W) | p seeds |"));
    out.append("\n|---|");
    axes.forEach(a -> out.append("---|"));
    out.append("---|");
    suite.metrics().forEach(m -> out.append("---:|---|---|"));
    out.append('\n');
    for (Comparison c : comparisons) {
      out.append("| ").append(c.variant().row().name()).append(" |");
      axes.forEach(a -> out.append(' ').append(c.variant().point().getOrDefault(a, ""))
          .append(" |"));
      out.append(' ').append(c.against()).append(" |");
      for (String m : suite.metrics()) {
        PairedTests.Outcome users = c.overUsers().get(m);
        PairedTests.Outcome seeds = c.overSeeds().get(m);
        out.append(' ').append(users == null ? "—"
            : String.format(Locale.ROOT, "%+.4f", users.meanDifference()) + marks(users, false)).append(" |");
        out.append(' ').append(users == null ? ""
            : String.format(Locale.ROOT, "%.2g / %.2g", users.tTestP(), users.wilcoxonP())).append(" |");
        out.append(' ').append(seeds == null ? "" : String.format(Locale.ROOT, "%.2g", seeds.tTestP()))
            .append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The table as CSV: one line per variant, mean, sd and both p-values per metric. */
  public String csv() {
    List<String> header = new ArrayList<>(List.of("model"));
    header.addAll(axes);
    header.addAll(List.of("seeds_finished", "seeds_planned", "vs"));
    for (String m : suite.metrics()) {
      header.addAll(List.of(m + "_mean", m + "_sd", m + "_p_ttest", m + "_p_wilcoxon"));
    }
    header.add("wall_seconds");
    header.add("note");
    StringBuilder out = new StringBuilder(
        header.stream().map(ResultsTable::csvField).collect(Collectors.joining(","))).append('\n');
    for (Line line : lines) {
      List<String> fields = new ArrayList<>(List.of(line.variant().row().name()));
      axes.forEach(a -> fields.add(line.variant().point().getOrDefault(a, "")));
      fields.add(String.valueOf(line.finished()));
      fields.add(String.valueOf(line.planned()));
      fields.add(line.against().orElse(""));
      for (String m : suite.metrics()) {
        Summary s = line.metrics().get(m);
        PairedTests.Outcome p = line.significance().get(m);
        fields.add(s == null ? "" : String.valueOf(s.mean()));
        fields.add(s == null || Double.isNaN(s.sd()) ? "" : String.valueOf(s.sd()));
        fields.add(p == null ? "" : String.valueOf(p.tTestP()));
        fields.add(p == null ? "" : String.valueOf(p.wilcoxonP()));
      }
      fields.add(Double.isNaN(line.wallSeconds()) ? "" : String.valueOf(line.wallSeconds()));
      fields.add(line.note());
      out.append(fields.stream().map(ResultsTable::csvField).collect(Collectors.joining(",")))
          .append('\n');
    }
    return out.toString();
  }

  /** The table as a LaTeX {@code tabular} (booktabs rules), marks as superscripts. */
  public String latex() {
    StringBuilder out = new StringBuilder("% Suite ").append(suite.name())
        .append(": test metrics, mean $\\pm$ sd over seeds; improvements on the baseline row:"
            + " $^{*}$ paired t-test, $^{\\dagger}$ Wilcoxon signed-rank, p < ").append(ALPHA);
    out.append("\n\\begin{tabular}{l");
    axes.forEach(a -> out.append('l'));
    suite.metrics().forEach(m -> out.append('r'));
    out.append("}\n\\toprule\nModel");
    axes.forEach(a -> out.append(" & ").append(tex(a)));
    suite.metrics().forEach(m -> out.append(" & ").append(tex(m)));
    out.append(" \\\\\n\\midrule\n");
    for (Line line : lines) {
      out.append(tex(line.variant().row().name()));
      axes.forEach(a -> out.append(" & ").append(tex(line.variant().point().getOrDefault(a, ""))));
      for (String m : suite.metrics()) {
        Summary s = line.metrics().get(m);
        if (s == null) {
          out.append(" & --");
        } else {
          out.append(" & $").append(String.format(Locale.ROOT, "%.4f", s.mean()));
          if (!Double.isNaN(s.sd())) {
            out.append(String.format(Locale.ROOT, " \\pm %.4f", s.sd()));
          }
          out.append(marks(line.significance().get(m), true)).append('$');
        }
      }
      out.append(" \\\\\n");
    }
    out.append("\\bottomrule\n\\end{tabular}\n");
    return out.toString();
  }

  private static String plain(Summary s) {
    return Double.isNaN(s.sd()) ? String.format(Locale.ROOT, "%.4f", s.mean())
        : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.sd());
  }

  private static String marks(PairedTests.Outcome p, boolean latex) {
    if (p == null || p.meanDifference() <= 0) {
      return "";
    }
    String t = p.tSignificant(ALPHA) ? "*" : "";
    String w = p.wilcoxonSignificant(ALPHA) ? (latex ? "\\dagger" : "†") : "";
    if (t.isEmpty() && w.isEmpty()) {
      return "";
    }
    return latex ? "^{" + t + w + "}" : " " + t + w;
  }

  private static String csvField(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  static String tex(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '_', '&', '%', '#', '$', '{', '}' -> out.append('\\').append(c);
        case '\\' -> out.append("\\textbackslash{}");
        case '~' -> out.append("\\textasciitilde{}");
        case '^' -> out.append("\\textasciicircum{}");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
