package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** Stands for a crash: fails at the end of one epoch, after the resume point was written. */
  private static final class Crash implements TrainingListener {
    private final int epoch;

    Crash(int epoch) {
      this.epoch = epoch;
    }

    @Override
    public EpochReport onEpochEnd(EpochReport report) {
      if (report.epoch() == epoch) {
        throw new IllegalStateException("interrupted after epoch " + epoch);
      }
      return report;
    }
  }

  private static Experiment experiment() {
    ProviderRegistry registry = ProviderRegistry.discover();
    RunConfig config = RunConfig.fromOverrides("resume", SETTINGS, registry);
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

    RunResult resumed = experiment().resume(broken);
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
}
