package org.ddrm.eval.suite;

import com.google.inject.Guice;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.eval.claim.Claim;
import org.ddrm.eval.claim.ClaimException;
import org.ddrm.eval.claim.LeaseRecord;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.run.Experiment;
import org.ddrm.eval.run.ExperimentModule;
import org.ddrm.eval.run.ResultSettings;
import org.ddrm.eval.run.RunConfig;
import org.ddrm.eval.run.RunDirectory;
import org.ddrm.eval.run.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a suite's cells, each into its own run directory, cooperating with any number of other
 * runners (worker processes, cluster tasks, plain invocations on machines sharing the suite's
 * directory): a runner claims a cell before running it ({@link Claim} in the cell's
 * {@value #CLAIM} directory, leased and renewed), skips cells another runner holds, and waits for
 * them at the end, taking a cell over when its runner's lease ran out (the cell then resumes from
 * its last epoch checkpoint). Every cell thus runs once however many runners start.
 *
 * <p>A cell whose {@code metrics.json} exists is finished and skipped, unless its config now
 * resolves to other settings than it ran with (thread counts aside): then it runs again from
 * scratch. A cell that cannot run (config file missing, bad settings, unknown provider,
 * divergence) leaves {@value #FAILED} with the reason in its directory and the suite goes on; a
 * cell that failed in another runner since this one started is not tried again. Trained backends
 * are shared between cells through the backend cache ({@code cache.dir}).
 */
public final class SuiteRunner {
  /** The file a failed cell leaves in its directory, holding the one-line reason. */
  public static final String FAILED = "FAILED";

  /** The claim directory in a cell's directory. */
  public static final String CLAIM = "claim";

  private static final Logger log = LoggerFactory.getLogger(SuiteRunner.class);
  private static final Duration POLL = Duration.ofSeconds(2);

  private final SuiteFile suite;
  private final Path out;
  private final ProviderRegistry registry;
  private final PrintStream progress;
  private final List<String> extraOverrides;
  private final Duration lease;

  public SuiteRunner(SuiteFile suite, Path out, ProviderRegistry registry, PrintStream progress) {
    this(suite, out, registry, progress, List.of(), Claim.leaseFromEnvironment());
  }

  /**
   * A runner that adds {@code extraOverrides} to every cell's (after the suite's) and holds its
   * claims with leases of {@code lease}.
   */
  public SuiteRunner(SuiteFile suite, Path out, ProviderRegistry registry, PrintStream progress,
      List<String> extraOverrides, Duration lease) {
    this.suite = suite;
    this.out = out;
    this.registry = registry;
    this.progress = progress;
    this.extraOverrides = List.copyOf(extraOverrides);
    this.lease = lease;
  }

  /**
   * Runs (or waits for) every cell not yet finished, including those a search proposes as its
   * earlier trials finish; returns how the cells ended.
   */
  public Tally run() {
    return run(Optional.empty());
  }

  /** Runs (or waits for) the cell of index {@code index} (0-based, as {@code --list-cells}). */
  public Tally runCell(int index) {
    int count = SuiteGrid.cells(suite, out).size();
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("cell index " + index + " is out of range: suite '"
          + suite.name() + "' has cells 0 to " + (count - 1));
    }
    return run(Optional.of(index));
  }

  /**
   * Tries every unsettled cell in turn until none is left: the cells are listed again after each
   * round, since a search's finished trials make its next ones (and its selected
   * configuration's seeds) known.
   */
  private Tally run(Optional<Integer> only) {
    long started = System.currentTimeMillis();
    Tally tally = new Tally(0, 0, 0, 0, 0);
    Set<Path> settled = new HashSet<>();
    Set<Path> announced = new HashSet<>();
    while (true) {
      List<SuiteCell> cells = SuiteGrid.cells(suite, out);
      List<Integer> open = new ArrayList<>();
      for (int k = 0; k < cells.size(); k++) {
        boolean chosen = only.isEmpty() || only.get() == k;
        if (chosen && !settled.contains(cells.get(k).directory(out))) {
          open.add(k);
        }
      }
      if (open.isEmpty()) {
        return tally;
      }
      boolean waiting = false;
      for (int k : open) {
        SuiteCell cell = cells.get(k);
        String prefix = String.format(Locale.ROOT, "[%" + String.valueOf(cells.size()).length()
            + "d/%d] %s", k + 1, cells.size(), cell.label());
        Attempt attempt = attempt(cell, prefix, started);
        if (attempt == Attempt.HELD_ELSEWHERE) {
          waiting = true;
          if (announced.add(cell.directory(out))) {
            String holder = Claim.holder(cell.directory(out).resolve(CLAIM))
                .map(r -> "pid " + r.pid() + " on " + r.host()).orElse("another runner");
            progress.println(prefix + ": running in " + holder + "; left to it");
          }
          continue;
        }
        settled.add(cell.directory(out));
        tally = tally.plus(attempt);
      }
      if (waiting) {
        try {
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for cells run elsewhere", e);
        }
      }
    }
  }

  /** One try at a cell: skip it, leave it to its holder, or claim and run it. */
  private Attempt attempt(SuiteCell cell, String prefix, long started) {
    Path directory = cell.directory(out);
    Optional<Attempt> settled = settled(cell, directory, prefix, started, Optional.empty());
    if (settled.isPresent()) {
      return settled.get();
    }
    Optional<LeaseRecord> previous = Claim.latest(directory.resolve(CLAIM));
    Optional<Claim> claim;
    try {
      claim = Claim.tryAcquire(directory.resolve(CLAIM), lease);
    } catch (ClaimException e) {
      return fail(cell, directory, prefix, e);
    }
    if (claim.isEmpty()) {
      return Attempt.HELD_ELSEWHERE;
    }
    try (Claim held = claim.get()) {
      Optional<Path> donor = CellDonors.forCell(suite, cell, extraOverrides, registry);
      settled = settled(cell, directory, prefix, started,
          Optional.of(donor.isPresent() ? "copying the same settings' record" : "running again"));
      if (settled.isPresent()) {
        return settled.get();
      }
      previous.filter(r -> !r.released()).ifPresent(r -> progress.println(prefix + ": the lease"
          + " of pid " + r.pid() + " on " + r.host() + " ran out; taking the cell over"));
      long start = System.nanoTime();
      try {
        // metrics.json marks a finished cell: a stale one goes before the cell is copied from a
        // donor or runs again
        Files.deleteIfExists(directory.resolve(RunDirectory.METRICS));
        if (donor.isPresent()) {
          CellDonors.copy(donor.get(), directory);
          progress.println(prefix + ": finished with the same settings in " + donor.get()
              + "; reused");
          return Attempt.REUSED;
        }
        RunResult result = runCell(cell, directory);
        Files.deleteIfExists(directory.resolve(FAILED));
        progress.println(String.format(Locale.ROOT, "%s: done in %.1f s, test %s", prefix,
            (System.nanoTime() - start) / 1e9, headline(result)));
        return Attempt.RAN;
      } catch (RuntimeException | IOException e) {
        return fail(cell, directory, prefix, e);
      }
    }
  }

  /**
   * Whether the cell needs no run from this runner: finished with today's settings, or failed in
   * another runner since this one started. A claimed cell ({@code whatNext} present) whose
   * settings changed says so, and what comes next.
   */
  private Optional<Attempt> settled(SuiteCell cell, Path directory, String prefix, long started,
      Optional<String> whatNext) {
    Path metrics = directory.resolve(RunDirectory.METRICS);
    if (Files.exists(metrics)) {
      Optional<String> changed = CellSettings.changed(cell, directory, extraOverrides, registry);
      if (changed.isEmpty()) {
        boolean elsewhere = modifiedSince(metrics, started);
        progress.println(prefix
            + (elsewhere ? ": finished by another runner" : ": finished before, skipped"));
        return Optional.of(elsewhere ? Attempt.FINISHED_ELSEWHERE : Attempt.FINISHED_BEFORE);
      }
      whatNext.ifPresent(next -> progress.println(prefix + ": settings changed since it"
          + " finished (" + changed.get() + "), " + next));
      return Optional.empty();
    }
    Path failed = directory.resolve(FAILED);
    if (Files.exists(failed) && modifiedSince(failed, started)) {
      progress.println(prefix + ": failed in another runner (see " + failed + ")");
      return Optional.of(Attempt.FAILED);
    }
    return Optional.empty();
  }

  private Attempt fail(SuiteCell cell, Path directory, String prefix, Exception e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    try {
      AtomicFiles.write(directory.resolve(FAILED), reason + "\n");
    } catch (UncheckedIOException unwritable) {
      log.warn("cell {}: the reason could not be recorded: {}", cell.label(),
          unwritable.getMessage());
    }
    log.debug("cell {} failed", cell.label(), e);
    progress.println(prefix + ": FAILED: " + reason);
    return Attempt.FAILED;
  }

  private static boolean modifiedSince(Path file, long millis) {
    try {
      return Files.getLastModifiedTime(file).toMillis() >= millis;
    } catch (IOException e) {
      return false;
    }
  }

  /** How one try at a cell ended. */
  private enum Attempt { RAN, REUSED, FAILED, FINISHED_BEFORE, FINISHED_ELSEWHERE, HELD_ELSEWHERE }

  private RunResult runCell(SuiteCell cell, Path directory) {
    Path config = cell.variant().row().config();
    if (!Files.isRegularFile(config)) {
      throw new MissingConfigException(config);
    }
    RunConfig runConfig =
        RunConfig.load(config, CellSettings.overrides(cell, extraOverrides), registry);
    return Guice.createInjector(new ExperimentModule(runConfig, registry))
        .getInstance(Experiment.class)
        .resume(directory);
  }


  private String headline(RunResult result) {
    StringBuilder line = new StringBuilder();
    for (String metric : suite.metrics()) {
      Double value = result.test().means().get(metric);
      if (value != null) {
        line.append(metric).append(' ').append(String.format(Locale.ROOT, "%.4f", value)).append("  ");
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
   * @param finished cells this runner ran to the end
   * @param failed cells that could not run (here or, since this runner started, elsewhere)
   * @param skipped cells finished by an earlier invocation
   * @param elsewhere cells another runner finished while this one ran
   * @param reused cells copied from another suite's record ({@code suite.reuse})
   */
  public record Tally(int finished, int failed, int skipped, int elsewhere, int reused) {
    private Tally plus(Attempt attempt) {
      return switch (attempt) {
        case RAN -> new Tally(finished + 1, failed, skipped, elsewhere, reused);
        case REUSED -> new Tally(finished, failed, skipped, elsewhere, reused + 1);
        case FAILED -> new Tally(finished, failed + 1, skipped, elsewhere, reused);
        case FINISHED_BEFORE -> new Tally(finished, failed, skipped + 1, elsewhere, reused);
        case FINISHED_ELSEWHERE -> new Tally(finished, failed, skipped, elsewhere + 1, reused);
        case HELD_ELSEWHERE -> this;
      };
    }
  }
}
