package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend cache shared by concurrent runs: one trains, the other waits and loads; entries
 * appear only complete; a cache that cannot be written never costs a run.
 */
class BackendCacheTest {
  @TempDir Path dir;

  private List<String> cachedMf(Path cache) {
    List<String> settings = new ArrayList<>(ExperimentTest.SMALL_MF);
    settings.remove("cache.enabled=false");
    settings.addAll(List.of("cache.dir=" + cache, "tf.deterministic=true"));
    return settings;
  }

  @Test
  void twoWritersOfOneEntryStartedAtOneInstantTrainItOnceAndBothFinish() throws Exception {
    Path cache = dir.resolve("cache");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<RunResult>> runs = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      runs.add(pool.submit(() -> {
        start.await();
        return ExperimentTest.run(dir.resolve(name), cachedMf(cache));
      }));
    }
    start.countDown();
    RunResult a = runs.get(0).get();
    RunResult b = runs.get(1).get();
    pool.shutdown();

    long trained = Stream.of(a, b).filter(r -> r.stages().get(0).cachedFrom().isEmpty()).count();
    assertThat(trained).as("runs that trained the backend").isEqualTo(1);
    assertThat(a.test().means()).isEqualTo(b.test().means());
    try (Stream<Path> entries = Files.list(cache)) {
      List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).hasSize(2).contains(".claims").anyMatch(n -> n.startsWith("mf-"));
    }
    Path entry = Path.of(a.stages().get(0).cachedFrom().isEmpty()
        ? b.stages().get(0).cachedFrom() : a.stages().get(0).cachedFrom());
    assertThat(entry.resolve("stage.json")).isRegularFile();
    assertThat(entry.resolve("backend.index")).isRegularFile();
  }

  @Test
  void aCacheThatCannotBeWrittenCostsNoFinishedRun() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("full"), "x");
    RunResult result = ExperimentTest.run(dir.resolve("run"), cachedMf(notADirectory.resolve("cache")));
    assertThat(dir.resolve("run").resolve(RunDirectory.METRICS)).isRegularFile();
    assertThat(result.stages().get(0).cachedFrom()).isEmpty();
    assertThat(result.test().means()).containsKey("recall@20");
  }

  @Test
  void aWriteThatFailsHalfWayLeavesNoEntryAndNoTemporaryFiles() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Path entry = cache.resolve("mf-0123456789abcdef");
    StageOutcome outcome = new StageOutcome("backend", 2, 4, Map.of(), List.of(), Map.of(), "");
    boolean stored = BackendCache.publish(entry, partial -> {
      try {
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("backend.data-00000-of-00001"), "half");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new UncheckedIOException(new IOException("No space left on device"));
    }, outcome);
    assertThat(stored).isFalse();
    try (Stream<Path> left = Files.list(cache)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void anEntryAppearsOnlyComplete() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Path entry = cache.resolve("mf-0123456789abcdef");
    StageOutcome outcome = new StageOutcome("backend", 2, 4, Map.of(), List.of(), Map.of(), "");
    boolean stored = BackendCache.publish(entry, partial -> {
      try {
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("backend.index"), "weights");
        assertThat(entry).doesNotExist();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, outcome);
    assertThat(stored).isTrue();
    assertThat(entry.resolve("backend.index")).hasContent("weights");
    assertThat(BackendCache.trainingRecord(entry)).isPresent();
    try (Stream<Path> left = Files.list(cache)) {
      assertThat(left).containsExactly(entry);
    }
  }
}
