package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.testing.EventFiles;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.TrainingListener;
import org.ddrm.eval.suite.SuiteCell;
import org.ddrm.eval.suite.SuiteFile;
import org.ddrm.eval.suite.SuiteGrid;
import org.ddrm.eval.suite.SuiteRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

/** A run interrupted mid-training and resumed from its checkpoint ends as the uninterrupted one. */
class ResumeTest {
  @TempDir Path dir;

  private static final List<String> SETTINGS = settings();

  private static List<String> settings() {
    List<String> s = new ArrayList<>(ExperimentTest.SMALL_MF);
    s.addAll(List.of("train.epochs=7", "train.eval_every=2", "train.patience=5",
        "tf.deterministic=true"));
    return s;
  }

  /**
   * Stands for a crash: fails at the end of one epoch of a stage, after the resume point was
   * written.
   */
  private static final class Crash implements TrainingListener {
    private final String stage;
    private final int epoch;

    Crash(int epoch) {
      this("backend", epoch);
    }

    Crash(String stage, int epoch) {
      this.stage = stage;
      this.epoch = epoch;
    }

    @Override
    public EpochReport onEpochEnd(EpochReport report) {
      if (report.stage().equals(stage) && report.epoch() == epoch) {
        throw new IllegalStateException("interrupted after epoch " + epoch);
      }
      return report;
    }
  }

  private static Experiment experiment() {
    return experiment(SETTINGS);
  }

  private static Experiment experiment(List<String> settings) {
    ProviderRegistry registry = ProviderRegistry.discover();
    RunConfig config = RunConfig.fromOverrides("resume", settings, registry);
    return Guice.createInjector(new ExperimentModule(config, registry)).getInstance(Experiment.class);
  }

  @Test
  void anInterruptedRunResumedFromItsCheckpointEndsAsTheUninterruptedOne() {
    RunResult whole = experiment().run(dir.resolve("whole"));

    Path broken = dir.resolve("broken");
    assertThatThrownBy(() -> experiment().run(broken, false, List.of(new Crash(5))))
        .hasMessageContaining("interrupted after epoch 5");
    assertThat(broken.resolve(RunDirectory.METRICS)).doesNotExist();
    ResumeState state = ResumeState.read(broken.resolve("model")).orElseThrow();
    assertThat(state.epoch()).isEqualTo(5);
    assertThat(state.stopping().bestEpoch()).isEqualTo(4);
    assertThat(state.elapsedSeconds()).isPositive();

    RunResult resumed = experiment().resume(broken);
    assertThat(resumed.wallSeconds()).isGreaterThan(state.elapsedSeconds());
    assertThat(resumed.test().means()).isEqualTo(whole.test().means());
    assertThat(resumed.valid().means()).isEqualTo(whole.valid().means());
    assertThat(resumed.test().perUser()).isEqualTo(whole.test().perUser());
    assertThat(resumed.bestEpoch()).isEqualTo(whole.bestEpoch());
    assertThat(resumed.stages().get(0).curve()).hasSize(7);
    assertThat(resumed.stages().get(0).curve().stream().map(EpochReport::meanLoss).toList())
        .isEqualTo(whole.stages().get(0).curve().stream().map(EpochReport::meanLoss).toList());
    assertThat(broken.resolve("model").resolve(ResumeState.FILE)).doesNotExist();
  }

  @Test
  void aResumedRunWritesANewEventFileWithTheEpochsItTrained() throws Exception {
    Path broken = dir.resolve("broken");
    assertThatThrownBy(() -> experiment().run(broken, false, List.of(new Crash(5))))
        .hasMessageContaining("interrupted after epoch 5");
    Thread.sleep(1100); // a new second, so the names also sort by time
    RunResult resumed = experiment().resume(broken);

    List<Path> files = EventFiles.in(broken);
    assertThat(files).hasSize(2);
    List<Long> before = EventFiles.read(files.get(0)).stream().skip(1).map(Event::getStep).toList();
    List<Event> after = EventFiles.read(files.get(1));
    assertThat(before).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(after.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(after.stream().skip(1).map(Event::getStep).toList()).containsExactly(6L, 7L);
    EpochReport last = resumed.stages().get(0).curve().get(6);
    Event seventh = after.get(2);
    assertThat(seventh.getSummary().getValueList()).filteredOn(v -> v.getTag().equals("backend/loss"))
        .singleElement().satisfies(v -> assertThat((double) v.getSimpleValue())
            .isCloseTo(last.meanLoss(), within(1e-6 * Math.abs(last.meanLoss()))));
  }

  @Test
  void aDenoiserStageWithRandomOpsResumesToTheSameNumbers() {
    // DDRM draws diffusion steps, noise and dropout in the graph, every step.
    List<String> ddrm = new ArrayList<>(SETTINGS);
    ddrm.addAll(List.of("denoiser=ddrm", "denoise.epochs=4", "denoise.eval_every=2",
        "denoise.min_epochs=1", "denoise.batch_size=256", "ddrm.hidden=16", "ddrm.steps=5",
        "ddrm.inference_steps=5", "ddrm.propagation_layers=0"));
    RunResult whole = experiment(ddrm).run(dir.resolve("whole"));

    Path broken = dir.resolve("broken");
    assertThatThrownBy(() -> experiment(ddrm).run(broken, false, List.of(new Crash("denoiser", 3))))
        .hasMessageContaining("interrupted after epoch 3");
    RunResult resumed = experiment(ddrm).resume(broken);
    assertThat(resumed.stages().get(1).curve().stream().map(EpochReport::meanLoss).toList())
        .isEqualTo(whole.stages().get(1).curve().stream().map(EpochReport::meanLoss).toList());
    assertThat(resumed.test().perUser()).isEqualTo(whole.test().perUser());
  }

  @Test
  void aRunResumesUnderSettingsRecordedBeforeTheFrameworkAddedAKey() throws Exception {
    RunResult whole = experiment().run(dir.resolve("whole"));
    Path broken = dir.resolve("broken");
    assertThatThrownBy(() -> experiment().run(broken, false, List.of(new Crash(5))))
        .isInstanceOf(IllegalStateException.class);
    // As written by a version without 'denoise.seed', a key that defaults to no change.
    Path file = broken.resolve("model").resolve(ResumeState.FILE);
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(file.toFile());
    ((ObjectNode) json.get("settings")).remove("denoise.seed");
    Files.writeString(file, json.toString());

    RunResult resumed = experiment().resume(broken);
    assertThat(resumed.stages().get(0).curve().stream().map(EpochReport::meanLoss).toList())
        .isEqualTo(whole.stages().get(0).curve().stream().map(EpochReport::meanLoss).toList());
    assertThat(resumed.test().perUser()).isEqualTo(whole.test().perUser());
  }

  @Test
  void theRecordedConfigOfARunDirectoryResumesIt() throws Exception {
    Path broken = dir.resolve("broken");
    assertThatThrownBy(() -> experiment().run(broken, false, List.of(new Crash(3))))
        .isInstanceOf(IllegalStateException.class);
    ProviderRegistry registry = ProviderRegistry.discover();
    RunConfig recorded = RunDirectory.recordedConfig(broken, registry);
    assertThat(recorded.name()).isEqualTo("resume");
    RunResult resumed = Guice.createInjector(new ExperimentModule(recorded, registry))
        .getInstance(Experiment.class).resume(broken);
    assertThat(resumed.stages().get(0).curve()).hasSize(7);
    assertThat(Files.exists(broken.resolve(RunDirectory.METRICS))).isTrue();
  }

  @Test
  void aSuiteResumesAnInterruptedCellFromItsCheckpoint() throws Exception {
    Path config = dir.resolve("mf.properties");
    Files.writeString(config, String.join("\n", SETTINGS) + "\n");
    Path suiteFile = dir.resolve("suite.properties");
    Files.writeString(suiteFile, "suite.seeds = 5\nrow.mf.config = mf.properties\n");
    SuiteFile suite = SuiteFile.load(suiteFile);
    Path out = dir.resolve("suite");
    SuiteCell cell = SuiteGrid.cells(suite, out).get(0);
    Path cellDirectory = cell.directory(out);
    ProviderRegistry registry = ProviderRegistry.discover();
    RunConfig runConfig = RunConfig.load(config, cell.overrides(), registry);
    Experiment interrupted = Guice.createInjector(new ExperimentModule(runConfig, registry))
        .getInstance(Experiment.class);
    assertThatThrownBy(() -> interrupted.run(cellDirectory, false, List.of(new Crash(4))))
        .isInstanceOf(IllegalStateException.class);
    List<EpochReport> before = ResumeState.read(cellDirectory.resolve("model")).orElseThrow().curve();

    SuiteRunner.Tally tally = new SuiteRunner(suite, out, registry,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
    assertThat(tally.finished()).isEqualTo(1);
    // The first four epochs are the interrupted run's own (their timings kept), not retrained.
    List<String> curve = Files.readAllLines(cellDirectory.resolve("curve.tsv"));
    assertThat(curve).hasSize(1 + 7);
    for (int epoch = 1; epoch <= 4; epoch++) {
      assertThat(curve.get(epoch).split("\t")[3])
          .isEqualTo(String.format("%.3f", before.get(epoch - 1).seconds()));
    }
  }
}
