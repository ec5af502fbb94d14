package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.EpochReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MF-BPR end to end on a small synthetic data set. */
class ExperimentTest {
  static final List<String> SMALL_MF = List.of(
      "backend=mf", "data.synthetic.users=300", "data.synthetic.items=200", "mf.dim=16",
      "train.epochs=4", "train.eval_every=2", "train.min_epochs=1", "train.batch_size=512",
      "train.lr=0.01", "eval.ks=10,20", "cache.enabled=false");

  @TempDir Path dir;

  static RunResult run(Path out, List<String> overrides) {
    ProviderRegistry registry = ProviderRegistry.discover();
    RunConfig config = RunConfig.fromOverrides("test", overrides, registry);
    return Guice.createInjector(new ExperimentModule(config, registry))
        .getInstance(Experiment.class).run(out);
  }

  @Test
  void twoRunsWithOneSeedGiveIdenticalMetrics() throws Exception {
    List<String> deterministic = new ArrayList<>(SMALL_MF);
    deterministic.add("tf.deterministic=true");
    RunResult first = run(dir.resolve("a"), deterministic);
    RunResult second = run(dir.resolve("b"), deterministic);
    assertThat(second.test().means()).isEqualTo(first.test().means());
    assertThat(second.valid().means()).isEqualTo(first.valid().means());
    assertThat(second.test().perUser()).isEqualTo(first.test().perUser());
    assertThat(Files.mismatch(dir.resolve("a/metrics.json"), dir.resolve("b/metrics.json")))
        .as("metrics.json byte for byte").isEqualTo(-1L);
  }

  @Test
  void resultFilesUseDotDecimalsInAnyLocaleAndAreReadableByTheGroup() throws Exception {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      run(dir, SMALL_MF);
    } finally {
      Locale.setDefault(before);
    }
    String[] firstEpoch = Files.readAllLines(dir.resolve("curve.tsv")).get(1).split("\t");
    assertThat(firstEpoch[3]).matches("\\d+\\.\\d{3}");
    assertThat(Files.readString(dir.resolve("summary.md"))).contains(" s per epoch")
        .doesNotContainPattern("\\d,\\d{2}");
    for (String name : List.of("metrics.json", "curve.tsv", "summary.md", "config.properties")) {
      assertThat(Files.getPosixFilePermissions(dir.resolve(name))).as(name)
          .contains(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    }
  }

  @Test
  void theRecordedConfigKeepsTheRunsNameAndOriginalFile() throws Exception {
    Path file = Files.writeString(dir.resolve("my-mf.properties"), String.join("\n", SMALL_MF));
    RunConfig config = RunConfig.load(file, List.of(), ProviderRegistry.discover());
    Path runDir = dir.resolve("some-folder");
    new RunDirectory(runDir).writeConfig(config);
    RunConfig recorded = RunDirectory.recordedConfig(runDir, ProviderRegistry.discover());
    assertThat(recorded.name()).isEqualTo("my-mf");
    assertThat(recorded.source()).isEqualTo(file.toString());
    assertThat(recorded.settings().asMap()).isEqualTo(config.settings().asMap());
  }

  @Test
  void anotherSeedGivesOtherNumbers() {
    List<String> other = new ArrayList<>(SMALL_MF);
    other.add("seed=99");
    assertThat(run(dir.resolve("b"), other).test().means())
        .isNotEqualTo(run(dir.resolve("a"), SMALL_MF).test().means());
  }

  @Test
  void theRunDirectoryHoldsEveryResultFile() throws Exception {
    RunResult result = run(dir, SMALL_MF);
    for (String name : List.of("config.properties", "metrics.json", "per-user.tsv.gz", "summary.md",
        "curve.tsv", "provenance.json", "model/backend.index")) {
      assertThat(dir.resolve(name)).as(name).isRegularFile();
    }
    JsonNode metrics = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    assertThat(metrics.get("valid").get("recall@10").asDouble())
        .isEqualTo(result.valid().metric("recall@10"));
    assertThat(metrics.get("test").get("ndcg@20").asDouble())
        .isEqualTo(result.test().metric("ndcg@20"));
    assertThat(metrics.get("best_epoch").asInt()).isIn(2, 4);
    assertThat(Files.readAllLines(dir.resolve("curve.tsv"))).hasSize(1 + 4);
    JsonNode provenance = new ObjectMapper().readTree(dir.resolve("provenance.json").toFile());
    assertThat(provenance.get("seed").asLong()).isEqualTo(2024);
    assertThat(provenance.get("dataset_sha256").asText()).hasSize(64);
    assertThat(Files.readString(dir.resolve("config.properties"))).contains("mf.dim = 16");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void aPlainBackendRunLoadsWhatAnEarlierOneStoredInTheCache() throws Exception {
    List<String> cached = new ArrayList<>(SMALL_MF);
    cached.remove("cache.enabled=false");
    cached.addAll(List.of("cache.dir=" + dir.resolve("cache"), "tf.deterministic=true"));
    RunResult trained = run(dir.resolve("a"), cached);
    RunResult loaded = run(dir.resolve("b"), cached);
    assertThat(trained.stages().get(0).cachedFrom()).isEmpty();
    assertThat(loaded.stages().get(0).cachedFrom()).startsWith(dir.resolve("cache").toString());
    assertThat(loaded.stages().get(0).epochsRun()).isEqualTo(4);
    assertThat(loaded.bestEpoch()).isEqualTo(trained.bestEpoch());
    assertThat(loaded.stages().get(0).curve()).isEqualTo(trained.stages().get(0).curve());
    assertThat(loaded.test().means()).isEqualTo(trained.test().means());
    assertThat(dir.resolve("b/model/backend.index")).isRegularFile();
    assertThat(Files.readString(dir.resolve("b/summary.md")))
        .contains("loaded from the backend cache", "trained there: 4 epochs");
  }

  @Test
  void aDenoiserSeedChangesTheDenoiserAndNotTheBackendItStartsFrom() {
    List<String> ddrm = new ArrayList<>(SMALL_MF);
    ddrm.addAll(List.of("denoiser=ddrm", "denoise.epochs=2", "denoise.eval_every=1",
        "denoise.min_epochs=1", "denoise.batch_size=256", "ddrm.hidden=16", "ddrm.steps=5",
        "ddrm.inference_steps=5", "ddrm.propagation_layers=0", "tf.deterministic=true"));
    List<String> reseeded = new ArrayList<>(ddrm);
    reseeded.add("denoise.seed=7");
    RunResult plain = run(dir.resolve("a"), ddrm);
    RunResult first = run(dir.resolve("b"), reseeded);
    RunResult second = run(dir.resolve("c"), reseeded);
    assertThat(first.stages().get(0).curve().stream().map(EpochReport::meanLoss).toList())
        .isEqualTo(plain.stages().get(0).curve().stream().map(EpochReport::meanLoss).toList());
    assertThat(first.stages().get(0).test()).isEqualTo(plain.stages().get(0).test());
    assertThat(first.test().means()).isNotEqualTo(plain.test().means());
    assertThat(second.test().perUser()).isEqualTo(first.test().perUser());
  }

  @Test
  void aDenoiserSeedIsRefusedForADenoiserTrainedWithTheBackend() {
    List<String> tce = new ArrayList<>(SMALL_MF);
    tce.addAll(List.of("denoiser=tce", "denoise.seed=7"));
    assertThatThrownBy(() -> run(dir, tce)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'denoise.seed'").hasMessageContaining("'tce'");
  }

  @Test
  void ddrmRunsOnABackendFoundOnlyThroughTheSpi() throws Exception {
    RunResult result = run(dir, List.of("backend=test-hashed", "denoiser=ddrm",
        "data.synthetic.users=200", "data.synthetic.items=120", "train.epochs=3",
        "train.batch_size=512", "train.lr=0.01", "denoise.epochs=6", "denoise.eval_every=3",
        "denoise.min_epochs=1", "denoise.batch_size=256", "denoise.lr=0.003", "ddrm.hidden=32",
        "ddrm.steps=5", "ddrm.inference_steps=5", "ddrm.propagation_layers=0",
        "eval.ks=10,20", "cache.enabled=false"));
    assertThat(result.stages()).extracting(StageOutcome::name).containsExactly("backend", "denoiser");
    List<EpochReport> denoiser = result.stages().get(1).curve();
    assertThat(denoiser).hasSize(6);
    assertThat(denoiser.get(5).meanLoss()).isLessThan(denoiser.get(0).meanLoss());
    assertThat(result.stages().get(0).test()).containsKey("recall@20");
    assertThat(result.test().metric("recall@20")).isBetween(0.0, 1.0);
    assertThat(result.noiseAudit()).isPresent();
    // DDRM reports the ranking its inference starts from, scored the same way.
    StartingPoint.Metrics start = result.startingPoint().orElseThrow();
    assertThat(start.test().get("recall@20")).isBetween(0.0, 1.0)
        .isNotEqualTo(result.test().metric("recall@20"));
    assertThat(start.valid()).containsKey("ndcg@10");
    JsonNode metrics = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    assertThat(metrics.get("starting_point").get("test").get("recall@20").asDouble())
        .isEqualTo(start.test().get("recall@20"));
    assertThat(Files.readString(dir.resolve("summary.md"))).contains("starting point");
  }

  @Test
  void mfBeatsRandomRankingOnTheSyntheticData() {
    RunResult result = run(dir, SMALL_MF);
    // Random ranking of ~190 candidate items puts 20/190 of a user's test items in the top 20.
    assertThat(result.test().metric("recall@20")).isGreaterThan(2 * 20.0 / 190);
  }
}
