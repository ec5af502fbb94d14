package org.ddrm.eval.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ddrm.core.train.TfDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    return Main.commandLine().setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
  }

  @Test
  void doctorNamesVersionsAndDevicesAndTimesAProductOnEachDevice() {
    assertThat(execute("doctor", "--size", "64", "--runs", "2")).isZero();
    assertThat(out.toString())
        .contains("java        17", "tensorflow  2.", "native      ", "oneDNN      ", "malloc      ",
            "CPU:0    /job:localhost/replica:0/task:0/device:CPU:0", "matmul      64x64 float32",
            "GFLOP/s, placed on /job:localhost/replica:0/task:0/device:CPU:0");
  }

  @Test
  void aGpuAskedForWhereThereIsNoneEndsTheRunWithOneLine() throws Exception {
    assumeTrue(TfDevices.gpus(TfDevices.list()).isEmpty(), "this machine has a GPU");
    Path config = dir.resolve("gpu.properties");
    Files.writeString(config, "backend = mf\ntf.device = gpu:0\ntrain.epochs = 1\n");
    assertThat(execute("run", config.toString(), "--out", dir.resolve("run").toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("tf.device = gpu:0: TensorFlow sees no GPU")
        .doesNotContain("\tat ");
  }
}
