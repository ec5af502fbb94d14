package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Guice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.ddrm.api.Dataset;
import org.ddrm.api.UserItemMatrix;
import org.ddrm.core.data.SplitDirectory;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top-K lists and embedding tables written by runs and by {@code ddrm recommend}. */
class RunExportsTest {
  private static final List<String> SMALL_DDRM = List.of("backend=mf", "denoiser=ddrm",
      "data.synthetic.users=200", "data.synthetic.items=120", "mf.dim=16", "train.epochs=3",
      "train.batch_size=512", "train.lr=0.01", "denoise.epochs=3", "denoise.eval_every=3",
      "denoise.min_epochs=1", "denoise.batch_size=256", "denoise.lr=0.003", "ddrm.hidden=32",
      "ddrm.steps=5", "ddrm.inference_steps=5", "ddrm.propagation_layers=0", "eval.ks=10,20",
      "cache.enabled=false");

  @TempDir Path dir;

  @Test
  void exportedMfTablesReproduceTheRunsTestRecallAt20() {
    RunResult result = ExperimentTest.run(dir, with(ExperimentTest.SMALL_MF,
        "export.embeddings=true"));
    Dataset data = DatasetLoader.load(config(ExperimentTest.SMALL_MF).settings());

    double recall = testRecallAt20(data, NpyTable.read(dir.resolve(EmbeddingExport.USERS)),
        NpyTable.read(dir.resolve(EmbeddingExport.ITEMS)));

    assertThat(recall).isCloseTo(result.test().metric("recall@20"), within(1e-3));
  }

  @Test
  void ddrmExportsItsGeneratedUsersWhichReproduceItsTestRecallAt20() {
    RunResult result = ExperimentTest.run(dir, with(SMALL_DDRM, "export.embeddings=true"));
    Dataset data = DatasetLoader.load(config(SMALL_DDRM).settings());
    NpyTable users = NpyTable.read(dir.resolve("ddrm_user_embeddings.npy"));

    double recall = testRecallAt20(data, users, NpyTable.read(dir.resolve("ddrm_item_embeddings.npy")));

    assertThat(users.rows()).isEqualTo(data.numUsers());
    assertThat(recall).isCloseTo(result.test().metric("recall@20"), within(1e-3));
    assertThat(NpyTable.read(dir.resolve(EmbeddingExport.USERS)).columns()).isEqualTo(16);
  }

  @Test
  void aRunsTopKListsMaskTrainItemsAndRecommendRebuildsThemFromTheCheckpoint() throws Exception {
    ExperimentTest.run(dir, with(SMALL_DDRM, "eval.export_topk=7"));
    Dataset data = DatasetLoader.load(config(SMALL_DDRM).settings());
    List<String[]> rows = rows(dir.resolve(TopKFile.FILE_NAME));

    assertThat(rows).hasSize(data.numUsers() * 7);
    UserItemMatrix train = data.trainMatrix();
    for (String[] row : rows) {
      assertThat(Arrays.binarySearch(train.items(Integer.parseInt(row[0])),
          Integer.parseInt(row[2]))).as("train item recommended: %s", String.join(" ", row))
          .isNegative();
    }
    assertThat(rows.subList(0, 7)).extracting(r -> r[1])
        .containsExactly("1", "2", "3", "4", "5", "6", "7");

    Path again = dir.resolve("again.tsv.gz");
    experiment(SMALL_DDRM).recommend(dir, new int[] {5, 1}, 7, again);
    List<String[]> expected = new ArrayList<>();
    for (int user : new int[] {5, 1}) {
      rows.stream().filter(r -> r[0].equals(Integer.toString(user))).forEach(expected::add);
    }
    List<String[]> rebuilt = rows(again);
    assertThat(rebuilt).hasSameSizeAs(expected);
    for (int k = 0; k < expected.size(); k++) {
      // the same items in the same order; scores to float rounding (other batch, other kernel)
      assertThat(Arrays.copyOf(rebuilt.get(k), 3)).containsExactly(Arrays.copyOf(expected.get(k), 3));
      assertThat(Float.parseFloat(rebuilt.get(k)[3]))
          .isCloseTo(Float.parseFloat(expected.get(k)[3]), within(1e-5f));
    }
  }

  @Test
  void topKListsNameTheDataSetsOriginalIdsWhenItHasIdMaps() throws Exception {
    Path data = dir.resolve("data");
    Dataset synthetic = DatasetLoader.load(config(ExperimentTest.SMALL_MF).settings());
    SplitDirectory.write(synthetic, data);
    Files.writeString(data.resolve("user_ids.tsv"), "user_id\toriginal_user_id\n" + IntStream
        .range(0, synthetic.numUsers()).mapToObj(u -> u + "\tu" + u + "\n").collect(Collectors.joining()));
    Files.writeString(data.resolve("item_ids.tsv"), "item_id\toriginal_item_id\n" + IntStream
        .range(0, synthetic.numItems()).mapToObj(i -> i + "\tm" + i + "\n").collect(Collectors.joining()));
    Path run = dir.resolve("run");

    ExperimentTest.run(run, with(ExperimentTest.SMALL_MF, "data.path=" + data,
        "eval.export_topk=3", "train.epochs=1"));

    List<String[]> rows = rows(run.resolve(TopKFile.FILE_NAME));
    assertThat(rows).hasSize(3 * synthetic.numUsers());
    assertThat(rows).allSatisfy(r -> {
      assertThat(r[0]).startsWith("u");
      assertThat(r[2]).startsWith("m");
    });
  }

  /** Recall@20 over test users from user . item scores, train and validation items masked. */
  static double testRecallAt20(Dataset data, NpyTable users, NpyTable items) {
    double sum = 0;
    int count = 0;
    for (int u = 0; u < data.numUsers(); u++) {
      int[] truth = data.testMatrix().items(u);
      if (truth.length == 0) {
        continue;
      }
      int[] seen = IntStream.concat(Arrays.stream(data.trainMatrix().items(u)),
          Arrays.stream(data.validMatrix().items(u))).toArray();
      float[] scores = new float[items.rows()];
      for (int i = 0; i < items.rows(); i++) {
        float dot = 0;
        for (int d = 0; d < items.columns(); d++) {
          dot += users.get(u, d) * items.get(i, d);
        }
        scores[i] = dot;
      }
      for (int i : seen) {
        scores[i] = Float.NEGATIVE_INFINITY;
      }
      Integer[] order = IntStream.range(0, items.rows()).boxed().toArray(Integer[]::new);
      Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
      int hits = 0;
      for (int r = 0; r < 20; r++) {
        if (scores[order[r]] != Float.NEGATIVE_INFINITY
            && Arrays.binarySearch(truth, order[r]) >= 0) {
          hits++;
        }
      }
      sum += (double) hits / truth.length;
      count++;
    }
    return sum / count;
  }

  private static List<String[]> rows(Path file) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      List<String> lines = in.lines().toList();
      assertThat(lines.get(0)).isEqualTo("user\trank\titem\tscore");
      return lines.subList(1, lines.size()).stream().map(l -> l.split("\t")).toList();
    }
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private static RunConfig config(List<String> overrides) {
    return RunConfig.fromOverrides("test", overrides, ProviderRegistry.discover());
  }

  private static Experiment experiment(List<String> overrides) {
    ProviderRegistry registry = ProviderRegistry.discover();
    return Guice.createInjector(new ExperimentModule(config(overrides), registry))
        .getInstance(Experiment.class);
  }
}
