package org.ddrm.eval.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emitted Slurm scripts: an array task per cell, a throttle, a report job after the array. */
class SlurmArrayTest {
  @TempDir Path dir;

  @Test
  void theArrayHasATaskPerCellAThrottleAndAReportJobThatDependsOnIt() throws Exception {
    SuiteInvocation invocation = new SuiteInvocation(Path.of("/opt/ddrm/bin/ddrm"),
        Path.of("/opt/ddrm"), List.of("/opt/ddrm/s.properties", "--out", "/shared/it's"));
    List<Path> files = SlurmArray.write(dir, invocation, "quick", 4, 2, 1);
    String cells = Files.readString(dir.resolve(SlurmArray.CELLS));
    assertThat(cells.lines()).contains("#SBATCH --array=0-3%2", "#SBATCH --cpus-per-task=1",
        "#SBATCH --output=" + dir.resolve("logs").toAbsolutePath().resolve("cell-%a.log"),
        "cd '/opt/ddrm'",
        "exec '/opt/ddrm/bin/ddrm' 'suite' '/opt/ddrm/s.properties' '--out' '/shared/it'\\''s'"
            + " '--cell' \"$SLURM_ARRAY_TASK_ID\" '--no-report' '--set' 'tf.intra_op_threads=1'"
            + " '--set' 'tf.inter_op_threads=1'");
    assertThat(Files.readString(dir.resolve(SlurmArray.REPORT)))
        .contains("'--out' '/shared/it'\\''s' '--report-only'");
    assertThat(Files.readString(dir.resolve(SlurmArray.SUBMIT)))
        .contains("cells=$(sbatch --parsable \"$here/cells.sbatch\")",
            "sbatch --parsable --dependency=afterany:$cells \"$here/report.sbatch\"");
    assertThat(dir.resolve("logs")).isDirectory();
    for (Path file : files) {
      Process check = new ProcessBuilder("bash", "-n", file.toString()).start();
      assertThat(check.waitFor()).as("bash -n " + file).isZero();
    }
  }
}
