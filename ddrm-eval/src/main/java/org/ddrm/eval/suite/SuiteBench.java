package org.ddrm.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.launch.WorkerPool;
import org.ddrm.eval.run.Benchmark;
import org.ddrm.eval.run.Experiment;
import org.ddrm.eval.run.ExperimentModule;
import org.ddrm.eval.run.RunConfig;
import org.ddrm.eval.run.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ddrm bench SUITE_FILE}: times every row of a suite (its first grid point, first seed)
 * as {@code ddrm bench CONFIG} does — seconds per training epoch of each stage, full-ranking test
 * evaluation seconds, peak resident memory (reset before each model where Linux allows) — writes
 * {@code bench-suite.json} and {@code bench-suite.md}, and compares each timing with the stored
 * baseline: a ratio above the suite's tolerance is a regression.
 */
public final class SuiteBench {
  private static final Logger log = LoggerFactory.getLogger(SuiteBench.class);
  /** Seconds a timing must grow by, beyond the tolerance ratio, to count as a regression. */
  static final double SECONDS_SLACK = 0.5;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** The compared figures, as named in the JSON files. */
  static final List<String> FIGURES =
      List.of("train_seconds_per_epoch", "eval_seconds", "peak_rss_mb");

  private SuiteBench() {}

  /**
   * One model's timings, or why it could not be timed.
   *
   * @param row the suite row
   * @param figures the compared figures by name (empty when it failed)
   * @param stages seconds per epoch of each stage
   * @param failure why it failed ("" when timed)
   */
  public record Timing(String row, Map<String, Double> figures, Map<String, Double> stages,
      String failure) {}

  /**
   * A figure slower (or larger) than the baseline allows.
   *
   * @param row the suite row
   * @param figure the figure's name
   * @param baseline the stored value
   * @param now the measured value
   */
  public record Regression(String row, String figure, double baseline, double now) {
    public double ratio() {
      return now / baseline;
    }
  }

  /**
   * The outcome: every timing and the regressions against the baseline.
   *
   * @param timings one per row
   * @param regressions the figures beyond the tolerance
   * @param baselineFound whether a baseline file was there to compare with
   */
  public record Outcome(List<Timing> timings, List<Regression> regressions,
      boolean baselineFound) {}

  /** Times every row, writes the files into {@code out}, compares with {@code baseline}. */
  public static Outcome run(SuiteFile suite, Path out, Path baseline, double tolerance,
      int epochs, ProviderRegistry registry, PrintStream progress) {
    List<Timing> timings = new ArrayList<>();
    List<SuiteGrid.Variant> variants = SuiteGrid.variants(suite, out);
    for (SuiteFile.Row row : suite.rows()) {
      SuiteGrid.Variant first = variants.stream().filter(v -> v.row() == row).findFirst()
          .orElseThrow();
      SuiteCell cell = new SuiteCell(first, suite.seeds().stream().findFirst());
      Timing timing = time(cell, out.resolve("bench").resolve(row.name()), epochs, registry);
      progress.println(timing.failure().isEmpty()
          ? String.format(Locale.ROOT, "%s: %.3f s per epoch, eval %.3f s, peak RSS %.0f MiB", row.name(),
              timing.figures().get("train_seconds_per_epoch"), timing.figures().get("eval_seconds"),
              timing.figures().get("peak_rss_mb"))
          : row.name() + ": FAILED: " + timing.failure());
      timings.add(timing);
    }
    Optional<Map<String, Map<String, Double>>> stored = readBaseline(baseline);
    List<Regression> regressions = compare(timings, stored.orElse(Map.of()), tolerance);
    AtomicFiles.write(out.resolve("bench-suite.json"), json(suite, epochs, timings));
    AtomicFiles.write(out.resolve("bench-suite.md"),
        markdown(suite, timings, stored.orElse(Map.of()), tolerance, baseline));
    return new Outcome(timings, regressions, stored.isPresent());
  }

  /**
   * The figures of {@code timings} above {@code tolerance} times their baseline value; a time
   * must also have grown by more than {@link #SECONDS_SLACK}, since timings of a fraction of a
   * second swing by more than any sensible ratio on a shared machine.
   */
  static List<Regression> compare(List<Timing> timings, Map<String, Map<String, Double>> baseline,
      double tolerance) {
    List<Regression> regressions = new ArrayList<>();
    for (Timing t : timings) {
      Map<String, Double> before = baseline.getOrDefault(t.row(), Map.of());
      t.figures().forEach((figure, now) -> {
        Double then = before.get(figure);
        boolean seconds = figure.endsWith("seconds") || figure.endsWith("seconds_per_epoch");
        if (then != null && then > 0 && !now.isNaN() && now / then > tolerance
            && (!seconds || now - then > SECONDS_SLACK)) {
          regressions.add(new Regression(t.row(), figure, then, now));
        }
      });
    }
    return regressions;
  }

  /** Stores the timings of {@code out/bench-suite.json} as the baseline file. */
  public static void storeBaseline(Path out, Path baseline) {
    try {
      JsonNode now = JSON.readTree(out.resolve("bench-suite.json").toFile());
      if (Files.isRegularFile(baseline)) {
        // rows timed now replace theirs; rows not timed now (--rows) keep their stored figures
        JsonNode stored = JSON.readTree(baseline.toFile());
        if (stored.path("models") instanceof ObjectNode kept && now instanceof ObjectNode merged
            && now.path("models") instanceof ObjectNode timed) {
          ObjectNode models = kept.deepCopy();
          models.setAll(timed);
          merged.set("models", models);
        }
      }
      AtomicFiles.write(baseline, JSON.writeValueAsString(now) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the baseline " + baseline + ": " + e, e);
    }
  }

  private static Timing time(SuiteCell cell, Path directory, int epochs,
      ProviderRegistry registry) {
    String row = cell.variant().row().name();
    Path config = cell.variant().row().config();
    if (!Files.isRegularFile(config)) {
      return new Timing(row, Map.of(), Map.of(), SuiteRunner.MISSING_PREFIX + config);
    }
    Optional<List<String>> jvm = ownJvm();
    if (jvm.isPresent()) {
      return timeInChild(jvm.get(), cell, directory, epochs);
    }
    try {
      RunConfig runConfig = RunConfig.load(config,
          CellSettings.overrides(cell, Benchmark.overrides(epochs)), registry);
      resetPeakRss();
      RunResult result = Guice.createInjector(new ExperimentModule(runConfig, registry))
          .getInstance(Experiment.class).run(directory);
      Benchmark bench = Benchmark.of(runConfig, result);
      bench.write(directory);
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("train_seconds_per_epoch", bench.trainSecondsPerEpoch());
      figures.put("eval_seconds", bench.evalSeconds());
      figures.put("peak_rss_mb", bench.peakRssMb());
      return new Timing(row, figures, bench.stageSecondsPerEpoch(), "");
    } catch (RuntimeException e) {
      log.debug("bench of {} failed", row, e);
      return new Timing(row, Map.of(), Map.of(),
          e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /**
   * The command that starts this program's JVM again, when it was started as a module (through
   * {@code bin/ddrm}); empty in tests and embedded use, where rows are timed in this process.
   */
  private static Optional<List<String>> ownJvm() {
    try {
      return Optional.of(WorkerPool.currentJvm());
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  /**
   * Times a row with {@code ddrm bench CONFIG} in a JVM of its own, so that its peak RSS is its
   * own (a process keeps the native memory earlier rows freed) and reads its {@code bench.json};
   * the child's output goes to {@code ROW.log} beside the row's directory.
   */
  private static Timing timeInChild(List<String> jvm, SuiteCell cell, Path directory,
      int epochs) {
    String row = cell.variant().row().name();
    List<String> command = new ArrayList<>(jvm);
    command.addAll(List.of("bench", cell.variant().row().config().toString(),
        "--epochs", Integer.toString(epochs), "--out", directory.toString()));
    cell.overrides().forEach(override -> command.addAll(List.of("--set", override)));
    try {
      Files.createDirectories(directory.getParent());
      Path log = directory.resolveSibling(row + ".log");
      Process child = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      int code = child.waitFor();
      Path json = directory.resolve("bench.json");
      if (code != 0 || !Files.isRegularFile(json)) {
        List<String> lines = Files.readAllLines(log);
        return new Timing(row, Map.of(), Map.of(), "exit code " + code + ": "
            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
      }
      JsonNode bench = JSON.readTree(json.toFile());
      Map<String, Double> figures = new LinkedHashMap<>();
      FIGURES.forEach(figure -> figures.put(figure, bench.path(figure).asDouble(Double.NaN)));
      Map<String, Double> stages = new LinkedHashMap<>();
      bench.path("stage_seconds_per_epoch").fields()
          .forEachRemaining(e -> stages.put(e.getKey(), e.getValue().asDouble()));
      return new Timing(row, figures, stages, "");
    } catch (IOException e) {
      return new Timing(row, Map.of(), Map.of(), "cannot run the row's benchmark: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Timing(row, Map.of(), Map.of(), "interrupted");
    }
  }

  /**
   * Resets the kernel's peak-RSS mark of this process (Linux: "5" to /proc/self/clear_refs), so
   * that each model's peak is its own; where that is not allowed the peak stays process-wide.
   */
  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      log.debug("cannot reset the peak RSS mark; peaks are process-wide", e);
    }
  }

  static Optional<Map<String, Map<String, Double>>> readBaseline(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode models = JSON.readTree(file.toFile()).get("models");
      Map<String, Map<String, Double>> out = new LinkedHashMap<>();
      if (models != null) {
        models.fields().forEachRemaining(m -> {
          Map<String, Double> figures = new LinkedHashMap<>();
          FIGURES.forEach(f -> {
            if (m.getValue().has(f)) {
              figures.put(f, m.getValue().get(f).asDouble());
            }
          });
          out.put(m.getKey(), figures);
        });
      }
      return Optional.of(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bench baseline " + file + ": " + e, e);
    }
  }

  private static String json(SuiteFile suite, int epochs, List<Timing> timings) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("suite", suite.name());
    root.put("epochs", epochs);
    root.put("cpus", Runtime.getRuntime().availableProcessors());
    Map<String, Object> models = new LinkedHashMap<>();
    for (Timing t : timings) {
      Map<String, Object> m = new LinkedHashMap<>(t.figures());
      if (!t.stages().isEmpty()) {
        m.put("stage_seconds_per_epoch", t.stages());
      }
      if (!t.failure().isEmpty()) {
        m.put("failure", t.failure());
      }
      models.put(t.row(), m);
    }
    root.put("models", models);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the benchmark", e);
    }
  }

  private static String markdown(SuiteFile suite, List<Timing> timings,
      Map<String, Map<String, Double>> baseline, double tolerance, Path baselineFile) {
    StringBuilder out = new StringBuilder("# Benchmark of suite `").append(suite.name())
        .append("`\n\n");
    out.append(baseline.isEmpty() ? "No baseline at `" + baselineFile + "`.\n\n"
        : String.format(Locale.ROOT, "Baseline `%s`; a ratio above %.2f is a regression (**bold**).%n%n",
            baselineFile, tolerance));
    out.append("| model | s / epoch | eval s | peak RSS MiB | ratio s/epoch | ratio eval |"
        + " ratio RSS | note |\n|---|---|---|---|---|---|---|---|\n");
    for (Timing t : timings) {
      out.append("| ").append(t.row()).append(" |");
      for (String f : FIGURES) {
        Double v = t.figures().get(f);
        out.append(v == null ? " — |" : String.format(Locale.ROOT, " %.3f |", v));
      }
      Map<String, Double> before = baseline.getOrDefault(t.row(), Map.of());
      for (String f : FIGURES) {
        Double now = t.figures().get(f);
        Double then = before.get(f);
        if (now == null || then == null || then <= 0) {
          out.append(" |");
        } else {
          double ratio = now / then;
          out.append(ratio > tolerance ? String.format(Locale.ROOT, " **%.2f** |", ratio)
              : String.format(Locale.ROOT, " %.2f |", ratio));
        }
      }
      out.append(' ').append(t.failure().replace("|", "\\|")).append(" |\n");
    }
    return out.toString();
  }
}
