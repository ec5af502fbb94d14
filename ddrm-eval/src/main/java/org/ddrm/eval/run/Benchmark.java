package org.ddrm.eval.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.train.TfRuntime;

/**
 * Timings of one config: seconds per training epoch of each stage (the last stage's is the
 * headline figure; scaled from the first {@code epochSteps} steps of each epoch when
 * {@code bench.epoch_steps} cuts them), full-ranking test evaluation seconds, and the process's
 * peak resident memory.
 */
public record Benchmark(String config, Map<String, Double> stageSecondsPerEpoch,
    double trainSecondsPerEpoch, double evalSeconds, double peakRssMb, int threads,
    int epochSteps) {

  /** Settings that make a run a benchmark: a fixed number of epochs, no validation. */
  public static List<String> overrides(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
    }
    return List.of("cache.enabled=false", "train.epochs=" + epochs, "train.eval_every=0",
        "denoise.epochs=" + epochs, "denoise.eval_every=0");
  }

  public static Benchmark of(RunConfig config, RunResult result) {
    Map<String, Double> stages = new LinkedHashMap<>();
    result.stages().forEach(s -> stages.put(s.name(), s.secondsPerEpoch()));
    double last = result.stages().get(result.stages().size() - 1).secondsPerEpoch();
    return new Benchmark(config.source(), stages, last, result.test().wallSeconds(),
        currentPeakRssMb(), TfRuntime.from(config.settings()).intraOpThreads(),
        FrameworkSettings.BENCH_EPOCH_STEPS.read("", config.settings()));
  }

  /** The process's peak resident set (VmHWM) in MiB, or NaN where /proc is missing. */
  public static double currentPeakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  public void write(Path directory) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("config", config);
    json.put("train_seconds_per_epoch", trainSecondsPerEpoch);
    json.put("stage_seconds_per_epoch", stageSecondsPerEpoch);
    json.put("eval_seconds", evalSeconds);
    json.put("peak_rss_mb", peakRssMb);
    json.put("intra_op_threads", threads);
    json.put("epoch_steps", epochSteps);
    json.put("cpus", Runtime.getRuntime().availableProcessors());
    AtomicFiles.write(directory.resolve("bench.json"), RunDirectory.json(json));
  }

  public String toText() {
    StringBuilder out = new StringBuilder();
    String scaled = epochSteps > 0 ? " (scaled from its first " + epochSteps + " steps)" : "";
    stageSecondsPerEpoch.forEach((s, v) -> out.append(String.format(Locale.ROOT,
        "%-10s %8.3f s per epoch%s%n", s, v, scaled)));
    out.append(String.format(Locale.ROOT, "eval       %8.3f s (test, full ranking)%n", evalSeconds));
    out.append(String.format(Locale.ROOT, "peak RSS   %8.0f MiB", peakRssMb));
    return out.toString();
  }
}
