package org.ddrm.eval.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ddrm.core.data.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite's figures, each as PNG and SVG (XChart): training curves per stage (mean loss, and
 * the first metric on validation, per epoch, one line per finished cell, from its
 * {@code curve.tsv}), and for every swept key each metric against the swept value (one line per
 * row, error bars one standard deviation over seeds, a log x axis where the values span two
 * decades or more, each row that sweeps nothing as a dashed reference line; bars for non-numeric
 * values such as {@code ddrm.loss}); for a search, each row's trials' validation metric against every numeric
 * searched key (log scale for {@code loguniform} ranges).
 */
final class SuitePlots {
  private static final Logger log = LoggerFactory.getLogger(SuitePlots.class);
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;
  /** A numeric sweep whose largest value is this many times its smallest gets a log x axis. */
  private static final double LOG_AXIS_SPAN = 100;

  private SuitePlots() {}

  /** Writes every figure into {@code directory}; returns the files written. */
  static List<Path> write(SuiteFile suite, ResultsTable table, List<CellOutcome> outcomes,
      List<SearchPlan> searches, Path directory) {
    System.setProperty("java.awt.headless", "true");
    List<Path> files = new ArrayList<>();
    curves(suite, outcomes).forEach((name, chart) -> files.addAll(save(chart, directory, name)));
    Map<String, SearchRange> ranges = suite.search().map(SearchSettings::ranges).orElse(Map.of());
    for (SearchPlan plan : searches) {
      ranges.forEach((key, range) -> trials(suite, plan, key, range).ifPresent(chart -> files
          .addAll(save(chart, directory, "search-" + plan.row().name() + "-" + key))));
    }
    for (String axis : table.axes()) {
      if (ranges.containsKey(axis)) {
        continue; // a searched key: the table holds the selected value only; see the trials' plots
      }
      for (String metric : suite.metrics()) {
        try {
          sweep(table, axis, metric).ifPresent(chart ->
              files.addAll(save(chart, directory, "sweep-" + axis + "-" + metric)));
        } catch (IllegalArgumentException e) {
          // XChart refuses some shapes (bar series over different categories); the table stands.
          log.warn("no plot of {} against {}: {}", metric, axis, e.getMessage());
        }
      }
    }
    return files;
  }

  private static Map<String, Chart<?, ?>> curves(SuiteFile suite, List<CellOutcome> outcomes) {
    Map<String, CurveFile> finished = new LinkedHashMap<>();
    for (CellOutcome o : outcomes) {
      if (o.status() == CellOutcome.Status.FINISHED) {
        String name = o.cell().variant().id() + o.cell().seed().map(s -> " seed=" + s).orElse("");
        finished.put(name, CurveFile.read(o.directory()));
      }
    }
    Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    String metric = suite.metrics().get(0);
    finished.forEach((variant, curve) -> {
      for (String stage : curve.stages()) {
        XYChart loss = (XYChart) charts.computeIfAbsent("curve-" + stage + "-loss",
            k -> lineChart("Training loss, stage " + stage, "epoch", "mean loss"));
        List<double[]> points = curve.points(stage, "loss");
        if (!points.isEmpty()) {
          addLine(loss, variant, points, null);
        }
        List<double[]> valid = curve.points(stage, "valid_" + metric);
        if (!valid.isEmpty()) {
          XYChart chart = (XYChart) charts.computeIfAbsent("curve-" + stage + "-valid-" + metric,
              k -> lineChart("Validation " + metric + ", stage " + stage, "epoch", metric));
          addLine(chart, variant, valid, null);
        }
      }
    });
    charts.values().removeIf(c -> ((XYChart) c).getSeriesMap().isEmpty());
    return charts;
  }

  /** One metric (test) against one swept key: lines for numeric values, bars otherwise. */
  static Optional<Chart<?, ?>> sweep(ResultsTable table, String axis, String metric) {
    Map<String, List<ResultsTable.Line>> series = new LinkedHashMap<>();
    for (ResultsTable.Line line : table.lines()) {
      Map<String, String> point = line.variant().point();
      if (!point.containsKey(axis) || !line.metrics().containsKey(metric)) {
        continue;
      }
      StringBuilder name = new StringBuilder(line.variant().row().name());
      point.forEach((k, v) -> {
        if (!k.equals(axis)) {
          name.append(' ').append(k).append('=').append(v);
        }
      });
      series.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(line);
    }
    if (series.isEmpty()) {
      return Optional.empty();
    }
    boolean numeric = series.values().stream().flatMap(List::stream)
        .allMatch(l -> isNumber(l.variant().point().get(axis)));
    String title = metric + " (test) vs " + axis;
    if (numeric) {
      XYChart chart = lineChart(title, axis, metric);
      series.forEach((name, lines) -> {
        List<double[]> points = lines.stream().map(l -> new double[] {
            Double.parseDouble(l.variant().point().get(axis)), l.metrics().get(metric).mean(),
            sdOrZero(l.metrics().get(metric))}).sorted((a, b) -> Double.compare(a[0], b[0])).toList();
        addLine(chart, name, points, points.stream().mapToDouble(p -> p[2]).toArray());
      });
      double[] x = series.values().stream().flatMap(List::stream)
          .mapToDouble(l -> Double.parseDouble(l.variant().point().get(axis))).sorted().toArray();
      chart.getStyler().setXAxisLogarithmic(x[0] > 0 && x[x.length - 1] / x[0] >= LOG_AXIS_SPAN);
      addReferenceLines(chart, table, metric, x[0], x[x.length - 1]);
      return Optional.of(chart);
    }
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(axis).yAxisTitle(metric).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    series.forEach((name, lines) -> chart.addSeries(name,
        lines.stream().map(l -> l.variant().point().get(axis)).toList(),
        lines.stream().map(l -> (Number) l.metrics().get(metric).mean()).toList(),
        lines.stream().map(l -> (Number) sdOrZero(l.metrics().get(metric))).toList()));
    return Optional.of(chart);
  }

  /**
   * Each row that sweeps nothing (a baseline such as the backend alone) as a dashed horizontal
   * line across the swept range, so the sweep reads against it.
   */
  private static void addReferenceLines(XYChart chart, ResultsTable table, String metric,
      double from, double to) {
    for (ResultsTable.Line line : table.lines()) {
      ResultsTable.Summary value = line.metrics().get(metric);
      if (!line.variant().point().isEmpty() || value == null) {
        continue;
      }
      XYSeries reference = chart.addSeries(line.variant().row().name(), new double[] {from, to},
          new double[] {value.mean(), value.mean()});
      reference.setLineStyle(SeriesLines.DASH_DASH);
      reference.setMarker(SeriesMarkers.NONE);
    }
  }

  /** The finished trials' validation metric against one numeric searched key. */
  private static Optional<Chart<?, ?>> trials(SuiteFile suite, SearchPlan plan, String key,
      SearchRange range) {
    List<double[]> points = plan.trials().stream()
        .filter(t -> t.outcome().status() == CellOutcome.Status.FINISHED)
        .map(t -> new double[] {Double.parseDouble(t.cell().variant().point().get(key)),
            SearchPlan.score(suite, t)})
        .sorted((a, b) -> Double.compare(a[0], b[0])).toList();
    if (range.categorical() || points.isEmpty()) {
      return Optional.empty();
    }
    String metric = suite.search().orElseThrow().metric();
    XYChart chart = lineChart(plan.row().name() + ": validation " + metric + " of each trial vs "
        + key, key, metric);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(range instanceof SearchRange.LogUniform);
    addLine(chart, "trials", points, null);
    plan.selected().ifPresent(t -> chart.addSeries("selected",
        new double[] {Double.parseDouble(t.cell().variant().point().get(key))},
        new double[] {SearchPlan.score(suite, t)}));
    return Optional.of(chart);
  }

  private static XYChart lineChart(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    return chart;
  }

  private static void addLine(XYChart chart, String name, List<double[]> points, double[] errors) {
    double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
    if (errors == null) {
      chart.addSeries(name, x, y);
    } else {
      chart.addSeries(name, x, y, errors);
    }
  }

  private static double sdOrZero(ResultsTable.Summary s) {
    return Double.isNaN(s.sd()) ? 0 : s.sd();
  }

  private static boolean isNumber(String value) {
    try {
      Double.parseDouble(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<Path> save(Chart<?, ?> chart, Path directory, String name) {
    String base = name.replaceAll("[^A-Za-z0-9_.@=-]", "-");
    Path png = directory.resolve(base + ".png");
    Path svg = directory.resolve(base + ".svg");
    AtomicFiles.writeBytes(png, out -> BitmapEncoder.saveBitmap(chart, out,
        BitmapEncoder.BitmapFormat.PNG));
    AtomicFiles.writeBytes(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
        VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    return List.of(png, svg);
  }

  /** A run's {@code curve.tsv}: per stage, the values of a column by epoch. */
  private record CurveFile(List<String> header, List<String[]> rows) {
    static CurveFile read(Path runDirectory) {
      Path file = runDirectory.resolve("curve.tsv");
      try {
        List<String> lines = Files.readAllLines(file);
        List<String[]> rows = new ArrayList<>();
        lines.subList(1, lines.size()).forEach(l -> rows.add(l.split("\t", -1)));
        return new CurveFile(Arrays.asList(lines.get(0).split("\t")), rows);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e, e);
      }
    }

    List<String> stages() {
      return rows.stream().map(r -> r[0]).distinct().toList();
    }

    /** (epoch, value) of one column for one stage, leaving out epochs without a value. */
    List<double[]> points(String stage, String column) {
      int c = header.indexOf(column);
      if (c < 0) {
        return List.of();
      }
      return rows.stream().filter(r -> r[0].equals(stage) && c < r.length && !r[c].isEmpty())
          .map(r -> new double[] {Double.parseDouble(r[1]), Double.parseDouble(r[c])}).toList();
    }
  }
}
