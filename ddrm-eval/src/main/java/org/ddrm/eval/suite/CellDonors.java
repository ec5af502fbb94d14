package org.ddrm.eval.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.run.RunDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished cells of other suites ({@code suite.reuse}) that ran with exactly a cell's settings:
 * such a cell's record is copied instead of run again (Table 2's SGL + DDRM cell is also the
 * ablation suites' "both losses" and "both denoisers" cell). A donor is any
 * {@code cells/<name>/seed-<seed>/} of those suites whose recorded settings equal the cell's,
 * thread counts aside; its checkpoint, event files and claim are not copied, and the copy names
 * its source in {@value #REUSED_FROM}.
 */
public final class CellDonors {
  /** The file naming the record a reused cell was copied from. */
  static final String REUSED_FROM = "reused-from.txt";

  private static final Logger log = LoggerFactory.getLogger(CellDonors.class);
  private static final List<String> NOT_COPIED =
      List.of("model", SuiteRunner.CLAIM, SuiteRunner.FAILED, REUSED_FROM);

  private CellDonors() {}

  /**
   * The finished cell of the suite's {@code suite.reuse} suites that stands for {@code cell},
   * if any.
   *
   * @param extraOverrides the runner's {@code --set} overrides
   */
  public static Optional<Path> forCell(SuiteFile suite, SuiteCell cell,
      List<String> extraOverrides, ProviderRegistry registry) {
    if (suite.reuse().isEmpty()) {
      return Optional.empty();
    }
    try {
      return find(suite.reuse(), cell.seed(),
          CellSettings.current(cell, extraOverrides, registry), registry);
    } catch (RuntimeException e) {
      log.debug("cell {}: no donor looked for", cell.label(), e);
      return Optional.empty();
    }
  }

  /** The first finished cell of {@code suites} recorded with {@code settings} and this seed. */
  static Optional<Path> find(List<Path> suites, Optional<Long> seed, Map<String, String> settings,
      ProviderRegistry registry) {
    String seedDirectory = "seed-" + seed.map(String::valueOf).orElse("config");
    for (Path suite : suites) {
      Path cells = suite.resolve("cells");
      if (!Files.isDirectory(cells)) {
        continue;
      }
      try (Stream<Path> rows = Files.list(cells)) {
        Optional<Path> donor = rows.sorted()
            .map(row -> row.resolve(seedDirectory))
            .filter(cell -> Files.isRegularFile(cell.resolve(RunDirectory.METRICS)))
            .filter(cell -> sameSettings(cell, settings, registry))
            .findFirst();
        if (donor.isPresent()) {
          return donor;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + cells, e);
      }
    }
    return Optional.empty();
  }

  private static boolean sameSettings(Path cell, Map<String, String> settings,
      ProviderRegistry registry) {
    try {
      return CellSettings.differing(CellSettings.recorded(cell, registry), settings).isEmpty();
    } catch (RuntimeException e) {
      log.debug("{}: not compared", cell, e);
      return false;
    }
  }

  /**
   * Copies the donor's record into {@code target} (which may hold this runner's claim), its
   * {@code metrics.json} last and atomically, so the cell reads as finished only when whole.
   */
  static void copy(Path donor, Path target) {
    try (Stream<Path> files = Files.list(donor)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && !NOT_COPIED.contains(name)
            && !name.startsWith("events.out.tfevents") && !name.equals(RunDirectory.METRICS)) {
          Files.copy(file, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      AtomicFiles.write(target.resolve(REUSED_FROM), donor.toAbsolutePath().normalize() + "\n");
      Path staged = target.resolve(RunDirectory.METRICS + ".reused");
      Files.copy(donor.resolve(RunDirectory.METRICS), staged, StandardCopyOption.REPLACE_EXISTING);
      Files.move(staged, target.resolve(RunDirectory.METRICS), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the record " + donor + " to " + target, e);
    }
  }
}
