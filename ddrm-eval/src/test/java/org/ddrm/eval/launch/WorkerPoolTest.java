package org.ddrm.eval.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local pool: N worker processes, the cores divided, their output prefixed. */
class WorkerPoolTest {
  @TempDir Path dir;

  @Test
  void everyWorkerRunsTheSuiteWithItsShareOfThreadsAndNoReport() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // a stand-in for the JVM that echoes the arguments a worker gets and fails
    List<String> jvm = List.of("sh", "-c", "echo \"$@\"; exit 3", "worker");
    int failed = new WorkerPool(jvm, dir, new PrintStream(out, true, StandardCharsets.UTF_8))
        .run(2, List.of("s.properties", "--out", "runs/x"));
    String lines = out.toString(StandardCharsets.UTF_8);
    int threads = WorkerPool.threadsPerWorker(2);
    String expected = "suite s.properties --out runs/x --no-report --set tf.intra_op_threads="
        + threads + " --set tf.inter_op_threads=" + threads;
    assertThat(lines).contains("[w1] " + expected, "[w2] " + expected,
        "[w1] exited with code 3", "[w2] exited with code 3");
    assertThat(failed).isEqualTo(2);
  }

  @Test
  void theCoresAreDividedAmongTheWorkersAndEachGetsOneAtLeast() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(WorkerPool.threadsPerWorker(1)).isEqualTo(cores);
    assertThat(WorkerPool.threadsPerWorker(cores * 4)).isEqualTo(1);
  }
}
