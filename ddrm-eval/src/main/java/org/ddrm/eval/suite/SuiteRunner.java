package org.ddrm.eval.suite;

import com.google.inject.Guice;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.run.Experiment;
import org.ddrm.eval.run.ExperimentModule;
import org.ddrm.eval.run.RunConfig;
import org.ddrm.eval.run.RunDirectory;
import org.ddrm.eval.run.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a suite's cells in order, each into its own run directory. A cell whose
 * {@code metrics.json} exists is finished and skipped, unless its config now resolves to other
 * settings than it ran with: then it runs again from scratch. An interrupted cell resumes from
 * its last epoch checkpoint; a cell that cannot run (config file missing, bad settings, unknown
 * provider, divergence) leaves {@value #FAILED} with the reason in its directory and the suite
 * goes on.
 * Trained backends are shared between cells through the backend cache ({@code cache.dir}).
 */
public final class SuiteRunner {
  /** The file a failed cell leaves in its directory, holding the one-line reason. */
  public static final String FAILED = "FAILED";

  private static final Logger log = LoggerFactory.getLogger(SuiteRunner.class);

  private final SuiteFile suite;
  private final Path out;
  private final ProviderRegistry registry;
  private final PrintStream progress;

  public SuiteRunner(SuiteFile suite, Path out, ProviderRegistry registry, PrintStream progress) {
    this.suite = suite;
    this.out = out;
    this.registry = registry;
    this.progress = progress;
  }

  /** Runs every cell not yet finished; returns how many ended finished, failed and skipped. */
  public Tally run() {
    List<SuiteCell> cells = SuiteGrid.cells(suite);
    int finished = 0;
    int failed = 0;
    int skipped = 0;
    for (int k = 0; k < cells.size(); k++) {
      SuiteCell cell = cells.get(k);
      Path directory = cell.directory(out);
      String prefix = String.format("[%" + String.valueOf(cells.size()).length() + "d/%d] %s",
          k + 1, cells.size(), cell.label());
      if (Files.exists(directory.resolve(RunDirectory.METRICS))) {
        Optional<String> changed = changedSettings(cell, directory);
        if (changed.isEmpty()) {
          skipped++;
          progress.println(prefix + ": finished before, skipped");
          continue;
        }
        progress.println(prefix + ": settings changed since it finished (" + changed.get()
            + "), running again");
      }
      long start = System.nanoTime();
      try {
        // metrics.json marks a finished cell: a stale one goes before the cell runs again
        Files.deleteIfExists(directory.resolve(RunDirectory.METRICS));
        RunResult result = runCell(cell, directory);
        Files.deleteIfExists(directory.resolve(FAILED));
        finished++;
        progress.println(String.format("%s: done in %.1f s, test %s", prefix,
            (System.nanoTime() - start) / 1e9, headline(result)));
      } catch (RuntimeException | IOException e) {
        failed++;
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        AtomicFiles.write(directory.resolve(FAILED), reason + "\n");
        log.debug("cell {} failed", cell.label(), e);
        progress.println(prefix + ": FAILED: " + reason);
      }
    }
    return new Tally(finished, failed, skipped);
  }

  private RunResult runCell(SuiteCell cell, Path directory) {
    Path config = cell.variant().row().config();
    if (!Files.isRegularFile(config)) {
      throw new MissingConfigException(config);
    }
    RunConfig runConfig = RunConfig.load(config, cell.overrides(), registry);
    return Guice.createInjector(new ExperimentModule(runConfig, registry))
        .getInstance(Experiment.class)
        .resume(directory);
  }

  /**
   * The keys whose values differ between the settings a finished cell ran with and those its
   * config resolves to now; empty when they agree or the config cannot be read (the cell stands).
   */
  private Optional<String> changedSettings(SuiteCell cell, Path directory) {
    Map<String, String> recorded;
    Map<String, String> current;
    try {
      recorded = RunDirectory.recordedConfig(directory, registry).settings().asMap();
      current = RunConfig.load(cell.variant().row().config(), cell.overrides(), registry)
          .settings().asMap();
    } catch (RuntimeException e) {
      log.debug("cell {}: settings not compared", cell.label(), e);
      return Optional.empty();
    }
    Set<String> keys = new TreeSet<>(recorded.keySet());
    keys.addAll(current.keySet());
    keys.removeIf(key -> Objects.equals(recorded.get(key), current.get(key)));
    return keys.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", keys));
  }

  private String headline(RunResult result) {
    StringBuilder line = new StringBuilder();
    for (String metric : suite.metrics()) {
      Double value = result.test().means().get(metric);
      if (value != null) {
        line.append(metric).append(' ').append(String.format("%.4f", value)).append("  ");
      }
    }
    return line.toString().trim();
  }

  /** Thrown for a cell whose config file does not exist (yet). */
  static final class MissingConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingConfigException(Path config) {
      super(MISSING_PREFIX + config + " (not written yet?)");
    }
  }

  /** The start of the reason a cell with a missing config file records. */
  static final String MISSING_PREFIX = "config file not found: ";

  /**
   * How a suite run went.
   *
   * @param finished cells run to the end now
   * @param failed cells that could not run
   * @param skipped cells finished by an earlier invocation
   */
  public record Tally(int finished, int failed, int skipped) {}
}
