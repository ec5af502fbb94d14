package org.ddrm.eval.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.train.Checkpoint;
import org.ddrm.core.train.CurveRecorder;
import org.ddrm.core.train.DivergenceGuard;
import org.ddrm.core.train.EarlyStopping;
import org.ddrm.core.train.OpProfile;
import org.ddrm.core.train.ProgressListener;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.core.train.TrainingListener;
import org.ddrm.core.train.TrainingLoop;
import org.ddrm.core.train.TrainingStage;
import org.ddrm.core.train.ZeroLossStop;
import org.ddrm.core.evaluation.FullRankingEvaluator;
import org.ddrm.core.evaluation.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.op.Op;

/**
 * Trains one stage with the run's stage settings ({@code train.*} or {@code denoise.*}): the
 * training loop with its listeners (divergence guard, zero-loss stop, progress, early stopping on
 * validation with the best checkpoint, curve, resume point), continuing from the resume state
 * when the run was interrupted inside the stage.
 */
final class StageTrainer {
  private static final Logger log = LoggerFactory.getLogger(StageTrainer.class);

  private final RunConfig config;
  private final EarlyStopping.MissCounting denoiserMisses;

  StageTrainer(RunConfig config) {
    this.config = config;
    this.denoiserMisses = FrameworkSettings.COUNT_MISSES.read("", config.settings());
  }

  /**
   * What training one stage needs: its graph parts, where it writes, and where it resumes.
   *
   * @param index the stage's position in the run (its seeds derive from it)
   * @param step the stage's optimiser step
   * @param finished the outcomes of the stages before it
   * @param resumed the resume state, when the run was interrupted inside this stage
   */
  record StageRun(Session session, TfGraphContext context, int index, TrainingStage stage,
      Optional<Op> step, FullRankingEvaluator evaluator, Path modelDirectory,
      List<StageOutcome> finished, Optional<ResumeState> resumed, DoubleSupplier elapsedSeconds,
      List<TrainingListener> extraListeners) {}

  /**
   * Whether a stage has variables to train; one without (MostPop, ItemKNN, EASE, history-mean)
   * is complete once the session is initialised and is only evaluated.
   */
  static boolean trains(TrainableModel model) {
    return !model.trainableVariables().isEmpty();
  }

  /** The outcome of a stage with nothing to train. */
  static StageOutcome untrained(String stage) {
    return new StageOutcome(stage, 0, 0, Map.of(), List.of(), Map.of(), "");
  }

  /** Trains the stage until early stopping or its last epoch and restores its best checkpoint. */
  StageOutcome train(StageRun t) {
    TrainingStage stage = t.stage();
    String prefix = stage.settingsPrefix();
    Settings s = config.settings().scope(prefix);
    int epochs = FrameworkSettings.EPOCHS.read(prefix, s);
    Checkpoint checkpoint = Checkpoint.allVariables(t.session(), t.modelDirectory(), stage.name());
    EarlyStopping stopping = new EarlyStopping(
        () -> t.evaluator().evaluate(Split.VALID).means(),
        FrameworkSettings.SELECT_METRIC.read(prefix, s),
        FrameworkSettings.EVAL_EVERY.read(prefix, s), FrameworkSettings.PATIENCE.read(prefix, s),
        FrameworkSettings.MIN_EPOCHS.read(prefix, s), missCounting(prefix), checkpoint);
    CurveRecorder curve = new CurveRecorder();
    int epochsDone = 0;
    if (t.resumed().isPresent()) {
      ResumeState state = t.resumed().get();
      stopping.restore(state.stopping());
      curve.restore(state.curve());
      epochsDone = state.epoch();
      stage.model().batches().resumeAfter(epochsDone, state.batchState());
    }
    List<TrainingListener> listeners = new ArrayList<>(List.of(new DivergenceGuard(),
        new ZeroLossStop(), new ProgressListener(System.console() != null, epochs), stopping,
        curve, new ResumePoint(t.session(), t.modelDirectory(), config.name(),
            config.settings().asMap(), t.finished(), t.index(), stopping, curve,
            stage.model().batches(), t.elapsedSeconds())));
    listeners.addAll(t.extraListeners());
    TrainingLoop loop = new TrainingLoop(t.session(), stage.name(), stage.model().loss(),
        t.step().orElseThrow(), stage.model().batches(), t.context().hooks(), listeners);
    int tracedSteps = FrameworkSettings.PROFILE_STEPS.read("", config.settings());
    Optional<OpProfile> profile =
        tracedSteps > 0 ? Optional.of(new OpProfile(tracedSteps)) : Optional.empty();
    if (profile.isPresent()) {
      loop = loop.profiledBy(profile.get());
    }
    int stepsPerEpoch = FrameworkSettings.BENCH_EPOCH_STEPS.read("", config.settings());
    if (stepsPerEpoch > 0) {
      loop = loop.cutAfter(stepsPerEpoch);
      log.info("stage '{}': epochs cut after {} steps (bench.epoch_steps), seconds scaled to {}",
          stage.name(), stepsPerEpoch, stage.model().batches().batchesPerEpoch());
    }
    log.info("stage '{}': up to {} epochs, {} steps each", stage.name(), epochs,
        stage.model().batches().batchesPerEpoch());
    int run = loop.resume(epochsDone, epochs, config.seeds().epochGenerators(t.index()));
    profile.ifPresent(p -> writeProfile(t.modelDirectory().getParent(), stage.name(), p));
    if (stopping.bestMetrics().isEmpty()) {
      checkpoint.save();
    }
    return new StageOutcome(stage.name(), stopping.bestEpoch(), run, stopping.bestMetrics(),
        curve.reports(), Map.of(), "");
  }

  /** The stage's early-stopping miss rule: {@code denoise.count_misses}, the first rule else. */
  private EarlyStopping.MissCounting missCounting(String stagePrefix) {
    return stagePrefix.equals("denoise") ? denoiserMisses : EarlyStopping.MissCounting.ALWAYS;
  }

  private static void writeProfile(Path runDirectory, String stage, OpProfile profile) {
    Path file = runDirectory.resolve("op-profile-" + stage + ".json");
    AtomicFiles.write(file, RunDirectory.json(profile.toJson()));
    String top = profile.byTime().stream().limit(6).map(op -> String.format(Locale.ROOT,
        "%s %.1f ms", op.type(), op.micros() / 1e3 / Math.max(1, profile.steps())))
        .collect(Collectors.joining(", "));
    log.info("stage '{}': {} traced steps, {} ms wall each; kernel time per step: {} (all in {})",
        stage, profile.steps(), String.format(Locale.ROOT, "%.1f", profile.wallMillisPerStep()),
        top, file);
  }
}
