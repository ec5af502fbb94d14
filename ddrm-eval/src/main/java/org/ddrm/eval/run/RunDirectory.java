package org.ddrm.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.api.Dataset;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.TfRuntime;
import org.ddrm.core.evaluation.EvaluationResult;
import org.ddrm.core.evaluation.PerUserMetricsWriter;
import org.tensorflow.TensorFlow;

/**
 * The files of one run: {@code config.properties} (resolved settings), {@code metrics.json},
 * {@code per-user.tsv.gz}, {@code summary.md}, {@code curve.tsv}, {@code provenance.json} and the
 * {@code model/} checkpoint. Every file is written atomically; {@code metrics.json} is written
 * last, so its presence marks a complete run. {@code metrics.json} holds only what the model
 * computed (a deterministic run writes it byte for byte again); timings and dates are in
 * {@code provenance.json}.
 */
public final class RunDirectory {
  public static final String METRICS = "metrics.json";
  public static final String CONFIG = "config.properties";
  public static final String PROVENANCE = "provenance.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  public RunDirectory(Path root) {
    this.root = root;
  }

  public Path modelDirectory() {
    return root.resolve("model");
  }

  /**
   * The settings a run directory recorded in {@code config.properties}, under the run's name and
   * original config file as its first line records them (so a resumed run's provenance and
   * summary name the file the user gave); a file without that line falls back to the resume
   * state's name and the directory's name.
   */
  public static RunConfig recordedConfig(Path root, ProviderRegistry registry) {
    Path file = root.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(root + " is not a run directory: no " + CONFIG);
    }
    RunConfig recorded = RunConfig.load(file, List.of(), registry);
    Optional<Matcher> header = firstLine(file).map(RunConfig.HEADER::matcher)
        .filter(Matcher::matches);
    String name = header.map(m -> m.group(1))
        .or(() -> ResumeState.read(root.resolve("model")).map(ResumeState::run))
        .orElse(root.getFileName().toString());
    String source = header.map(m -> m.group(2)).orElse(recorded.source());
    return new RunConfig(source, name, recorded.settings(), recorded.providers());
  }

  private static Optional<String> firstLine(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks that a new run may write into {@code dir}: it does not exist yet, or is an empty
   * directory. A finished or interrupted run there is an error unless {@code overwrite} is set,
   * which deletes that run first (and only a run: other content is never deleted).
   *
   * @throws ConfigException saying what is in the way and how to go on
   */
  public static void claimForNewRun(Path dir, boolean overwrite) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException("--out " + dir + " is a file, not a directory; give a directory"
          + " for the run's files");
    }
    if (!Files.isDirectory(dir) || isEmpty(dir)) {
      return;
    }
    boolean isRun = Files.exists(dir.resolve(CONFIG));
    if (!isRun) {
      throw new ConfigException("--out " + dir + " is a directory with other files in it; give"
          + " a new or empty directory");
    }
    if (!overwrite) {
      throw new ConfigException(Files.exists(dir.resolve(METRICS))
          ? "--out " + dir + " holds a finished run (" + METRICS + "); give another directory,"
              + " or add --overwrite to replace it"
          : "--out " + dir + " holds an interrupted run; continue it with 'ddrm run --resume "
              + dir + "', or add --overwrite to start afresh");
    }
    deleteTree(dir);
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the run in " + dir + ": " + e, e);
    }
  }

  public void writeConfig(RunConfig config) {
    AtomicFiles.write(root.resolve(CONFIG), config.toProperties());
  }

  /** Writes every result file, {@code metrics.json} last. */
  public void writeResults(RunConfig config, Dataset dataset, TfRuntime runtime, RunResult result) {
    PerUserMetricsWriter.write(root, List.of(result.valid(), result.test()));
    AtomicFiles.write(root.resolve("curve.tsv"), curve(result.stages()));
    AtomicFiles.write(root.resolve(PROVENANCE), json(provenance(config, dataset, runtime, result)));
    AtomicFiles.write(root.resolve("summary.md"), summary(config, dataset, result));
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("valid", result.valid().means());
    metrics.put("test", result.test().means());
    metrics.put("best_epoch", result.bestEpoch());
    List<Map<String, Object>> stages = result.stages().stream().map(s -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.name());
      m.put("best_epoch", s.bestEpoch());
      m.put("epochs_run", s.epochsRun());
      if (!s.test().isEmpty()) {
        m.put("test", s.test());
      }
      if (!s.cachedFrom().isEmpty()) {
        m.put("cached_from", s.cachedFrom());
      }
      return m;
    }).toList();
    metrics.put("stages", stages);
    // insertion-ordered maps: metrics.json is the same bytes for the same numbers in every JVM
    result.startingPoint().ifPresent(p -> {
      Map<String, Object> start = new LinkedHashMap<>();
      start.put("valid", p.valid());
      start.put("test", p.test());
      metrics.put("starting_point", start);
    });
    result.noiseAudit().ifPresent(a -> {
      Map<String, Object> audit = new LinkedHashMap<>();
      audit.put("scorer", a.scorer());
      audit.put("auc", a.auc());
      audit.put("clean_pairs", a.clean());
      audit.put("planted_pairs", a.planted());
      metrics.put("noise_audit", audit);
    });
    AtomicFiles.write(root.resolve(METRICS), json(metrics));
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise results", e);
    }
  }

  private static String curve(List<StageOutcome> stages) {
    TreeSet<String> metricNames = new TreeSet<>();
    stages.forEach(s -> s.curve().forEach(r -> metricNames.addAll(r.validation().keySet())));
    StringBuilder out = new StringBuilder("stage\tepoch\tloss\tseconds");
    metricNames.forEach(m -> out.append("\tvalid_").append(m));
    out.append('\n');
    for (StageOutcome stage : stages) {
      for (EpochReport r : stage.curve()) {
        out.append(r.stage()).append('\t').append(r.epoch()).append('\t')
            .append(r.meanLoss()).append('\t').append(String.format(Locale.ROOT, "%.3f", r.seconds()));
        for (String m : metricNames) {
          Double v = r.validation().get(m);
          out.append('\t').append(v == null ? "" : String.format(Locale.ROOT, "%.6f", v));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static Map<String, Object> provenance(RunConfig config, Dataset dataset,
      TfRuntime runtime, RunResult result) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("run", config.name());
    p.put("config", config.source());
    p.put("seed", config.seeds().runSeed());
    p.put("dataset", dataset.name());
    p.put("dataset_sha256", dataset.fingerprint());
    p.put("users", dataset.numUsers());
    p.put("items", dataset.numItems());
    p.put("train_pairs", dataset.train().size());
    p.put("providers", config.providers().stream()
        .map(org.ddrm.core.plugin.ProviderRegistry::describe).toList());
    p.put("ddrm_version", String.valueOf(RunDirectory.class.getModule().getDescriptor() == null
        ? RunDirectory.class.getPackage().getImplementationVersion()
        : RunDirectory.class.getModule().getDescriptor().rawVersion().orElse("unknown")));
    p.put("tensorflow_version", TensorFlow.version());
    p.put("java_version", System.getProperty("java.version"));
    p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    p.put("cpus", Runtime.getRuntime().availableProcessors());
    p.put("tf_mode", runtime.describe());
    p.put("wall_seconds", result.wallSeconds());
    p.put("train_seconds_per_epoch", result.stages().stream().collect(Collectors.toMap(
        StageOutcome::name, StageOutcome::secondsPerEpoch, (a, b) -> a, LinkedHashMap::new)));
    p.put("finished", Instant.now().toString());
    return p;
  }

  private static String summary(RunConfig config, Dataset dataset, RunResult result) {
    StringBuilder out = new StringBuilder();
    out.append("# Run `").append(config.name()).append("`\n\n");
    out.append("- config: `").append(config.source()).append("`\n");
    out.append("- data: ").append(dataset).append("\n");
    out.append("- providers: ").append(config.providers().stream()
        .map(p -> p.name()).toList()).append("\n");
    for (StageOutcome s : result.stages()) {
      out.append(s.cachedFrom().isEmpty()
          ? String.format(Locale.ROOT, "- stage `%s`: %d epochs, selected epoch %d, %.2f s per epoch%n",
              s.name(), s.epochsRun(), s.bestEpoch(), s.secondsPerEpoch())
          : String.format(Locale.ROOT, "- stage `%s`: loaded from the backend cache `%s`%s%n", s.name(),
              s.cachedFrom(), s.epochsRun() == 0 ? "" : String.format(Locale.ROOT, 
                  " (trained there: %d epochs, selected epoch %d, %.2f s per epoch)",
                  s.epochsRun(), s.bestEpoch(), s.secondsPerEpoch())));
      if (!s.test().isEmpty()) {
        out.append(String.format(Locale.ROOT, "  - its own test metrics: recall@20 %.4f, ndcg@20 %.4f%n",
            s.test().getOrDefault("recall@20", Double.NaN), s.test().getOrDefault("ndcg@20", Double.NaN)));
      }
    }
    result.startingPoint().ifPresent(p -> out.append(String.format(Locale.ROOT, 
        "- the denoiser's starting point, not denoised (test): recall@20 %.4f, ndcg@20 %.4f%n",
        p.test().getOrDefault("recall@20", Double.NaN),
        p.test().getOrDefault("ndcg@20", Double.NaN))));
    result.noiseAudit().ifPresent(a -> out.append(String.format(Locale.ROOT, 
        "- noise audit: `%s` scores tell clean from planted train pairs with AUC %.4f (%d clean,"
            + " %d planted)%n", a.scorer(), a.auc(), a.clean(), a.planted())));
    out.append(String.format(Locale.ROOT, "- wall time: %.1f s%n%n", result.wallSeconds()));
    out.append("| split | metric | value |\n|---|---|---|\n");
    for (EvaluationResult r : List.of(result.valid(), result.test())) {
      r.means().forEach((k, v) -> out.append(String.format(Locale.ROOT, "| %s | %s | %.4f |%n",
          r.split().label(), k, v)));
    }
    return out.toString();
  }
}
