package org.ddrm.eval.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.ddrm.core.data.AtomicFiles;

/**
 * {@code ddrm suite --emit slurm}: a Slurm job array with one task per cell index
 * ({@code --array=0-(N-1)%P}, each task {@code ddrm suite ... --cell $SLURM_ARRAY_TASK_ID}), a
 * report job that depends on the whole array ({@code afterany}), and {@code submit.sh}, which
 * submits both. The suite's directory (and the backend cache) must be on a file system every node
 * shares; the tasks run in the directory the scripts were emitted from.
 */
public final class SlurmArray {
  /** The array script's file name. */
  public static final String CELLS = "cells.sbatch";
  /** The report script's file name. */
  public static final String REPORT = "report.sbatch";
  /** The submitting script's file name. */
  public static final String SUBMIT = "submit.sh";

  private SlurmArray() {}

  /**
   * Writes the three scripts into {@code directory}; returns their paths.
   *
   * @param suiteName the suite's name (job names)
   * @param cells how many cells the suite has
   * @param parallel the most array tasks running at once ({@code %P})
   * @param cpus the cores of one task (and its TF threads)
   */
  public static List<Path> write(Path directory, SuiteInvocation invocation, String suiteName,
      int cells, int parallel, int cpus) {
    Path logs = directory.resolve("logs").toAbsolutePath();
    String cd = "cd " + quote(invocation.workingDirectory().toString());
    String cellCommand = shell(invocation.command(SuiteInvocation.join(
        List.of("--cell", "$SLURM_ARRAY_TASK_ID", "--no-report"),
        SuiteInvocation.threadOverrides(cpus))));
    String cellsScript = "#!/usr/bin/env bash\n"
        + "# Suite '" + suiteName + "': one array task per cell (indices as ddrm suite"
        + " --list-cells),\n"
        + "# at most " + parallel + " at once. Submit with submit.sh, which adds the report job.\n"
        + "#SBATCH --job-name=ddrm-" + suiteName + "\n"
        + "#SBATCH --array=0-" + (cells - 1) + "%" + parallel + "\n"
        + "#SBATCH --cpus-per-task=" + cpus + "\n"
        + "#SBATCH --ntasks=1\n"
        + "#SBATCH --output=" + logs.resolve("cell-%a.log") + "\n"
        + "set -euo pipefail\n"
        + cd + "\n"
        + "exec " + cellCommand + "\n";
    String reportScript = "#!/usr/bin/env bash\n"
        + "# Suite '" + suiteName + "': the report, once every array task ended (finished or"
        + " not).\n"
        + "#SBATCH --job-name=ddrm-" + suiteName + "-report\n"
        + "#SBATCH --cpus-per-task=1\n"
        + "#SBATCH --ntasks=1\n"
        + "#SBATCH --output=" + logs.resolve("report.log") + "\n"
        + "set -euo pipefail\n"
        + cd + "\n"
        + "exec " + shell(invocation.command(List.of("--report-only"))) + "\n";
    String submit = "#!/usr/bin/env bash\n"
        + "# Submits suite '" + suiteName + "': the cells' job array, then its report job.\n"
        + "set -euo pipefail\n"
        + "here=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n"
        + "mkdir -p " + quote(logs.toString()) + "\n"
        + "cells=$(sbatch --parsable \"$here/" + CELLS + "\")\n"
        + "cells=${cells%%;*}\n"
        + "report=$(sbatch --parsable --dependency=afterany:$cells \"$here/" + REPORT + "\")\n"
        + "echo \"cells: job array $cells; report: job ${report%%;*}\"\n";
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logs + ": " + e, e);
    }
    Path cellsFile = directory.resolve(CELLS);
    Path reportFile = directory.resolve(REPORT);
    Path submitFile = directory.resolve(SUBMIT);
    AtomicFiles.write(cellsFile, cellsScript);
    AtomicFiles.write(reportFile, reportScript);
    AtomicFiles.write(submitFile, submit);
    for (Path file : List.of(cellsFile, reportFile, submitFile)) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (IOException | UnsupportedOperationException e) {
        // the scripts still run with bash FILE
      }
    }
    return List.of(cellsFile, reportFile, submitFile);
  }


  /** The command as a shell line; {@code $SLURM_ARRAY_TASK_ID} stays expandable. */
  private static String shell(List<String> command) {
    return command.stream()
        .map(a -> a.equals("$SLURM_ARRAY_TASK_ID") ? "\"$SLURM_ARRAY_TASK_ID\"" : quote(a))
        .collect(Collectors.joining(" "));
  }

  /** {@code value} in single quotes for the shell. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
