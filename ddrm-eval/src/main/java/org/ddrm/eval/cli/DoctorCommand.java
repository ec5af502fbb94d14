package org.ddrm.eval.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ddrm.core.train.TfDevices;
import org.tensorflow.TensorFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ddrm doctor}: what this installation runs on. Java and TensorFlow versions, the native
 * build linked (CPU or CUDA), oneDNN, the devices TensorFlow sees, and a timed matrix product on
 * each, so a user can check the {@code -Pgpu} build on their own GPU.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Show the Java and TensorFlow versions, the native build, the devices TensorFlow"
        + " sees, and time a matrix product on each device.")
final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--size", defaultValue = "1024",
      description = "rows and columns of the timed float32 matrices (default: ${DEFAULT-VALUE})")
  int size;

  @Option(names = "--runs", defaultValue = "10",
      description = "timed runs per device, after two warm-up runs (default: ${DEFAULT-VALUE})")
  int runs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (size < 1 || runs < 1) {
      throw new IllegalArgumentException("--size and --runs must be at least 1, got " + size
          + " and " + runs);
    }
    PrintWriter out = spec.commandLine().getOut();
    Runtime jvm = Runtime.getRuntime();
    out.printf(Locale.ROOT, "java        %s (%s, %s), %d processors, max heap %d MiB%n",
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        System.getProperty("java.vendor"), jvm.availableProcessors(),
        jvm.maxMemory() / (1 << 20));
    out.printf(Locale.ROOT, "tensorflow  %s (TensorFlow Java %s)%n", TensorFlow.version(),
        moduleVersion("tensorflow"));
    out.printf(Locale.ROOT, "native      %s build: %s%n", TfDevices.nativeBuild(),
        TfDevices.nativeJar().orElse("native jar not found on the module or class path"));
    String onednn = System.getenv("TF_ENABLE_ONEDNN_OPTS");
    out.printf(Locale.ROOT, "oneDNN      %s%n", onednn == null
        ? "TensorFlow's default for this CPU (TF_ENABLE_ONEDNN_OPTS unset)"
        : (onednn.equals("1") || onednn.equalsIgnoreCase("true") ? "on" : "off")
            + " (TF_ENABLE_ONEDNN_OPTS=" + onednn + ")");
    String arenas = System.getenv("MALLOC_ARENA_MAX");
    out.printf(Locale.ROOT, "malloc      %s%n", arenas == null
        ? "glibc's default arenas, up to 8 per core (MALLOC_ARENA_MAX unset; bin/ddrm sets one per"
            + " core)"
        : "at most " + arenas + " glibc arenas (MALLOC_ARENA_MAX)");
    out.flush();
    List<TfDevices.Device> devices = TfDevices.list();
    out.printf(Locale.ROOT, "devices     %d seen by TensorFlow%n", devices.size());
    for (TfDevices.Device device : devices) {
      out.printf(Locale.ROOT, "  %-8s %s%s%n", device.shortName(), device.name(),
          device.memoryBytes() > 0
              ? String.format(Locale.ROOT, ", %d MiB", device.memoryBytes() >> 20) : "");
    }
    if (TfDevices.gpus(devices).isEmpty()) {
      out.printf(Locale.ROOT, "  no GPU: %s%n", TfDevices.nativeBuild().startsWith("GPU")
          ? "the CUDA build found no usable GPU (check the driver, CUDA and cuDNN versions;"
              + " DDRM_NATIVE_LOG=1 shows TensorFlow's own lines)"
          : "this is the CPU build; 'mvn -Pgpu package' links the CUDA one");
    }
    out.printf(Locale.ROOT, "matmul      %dx%d float32, %d timed runs per device%n", size, size,
        runs);
    out.flush();
    for (TfDevices.Device device : devices) {
      DeviceProbe.Outcome outcome = DeviceProbe.run(device, size, runs);
      out.printf(Locale.ROOT, "  %-8s %8.2f ms per run, %7.1f GFLOP/s, placed on %s%n",
          device.shortName(), outcome.secondsPerRun() * 1e3, outcome.gflops(),
          outcome.placedOn());
      out.flush();
    }
    return 0;
  }

  private static String moduleVersion(String module) {
    return ModuleLayer.boot().findModule(module)
        .flatMap(m -> m.getDescriptor().rawVersion())
        .orElse("version unknown");
  }
}
