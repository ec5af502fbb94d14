package org.ddrm.eval.run;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.ddrm.api.Dataset;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.Checkpoint;
import org.ddrm.core.train.TensorBoardEvents;
import org.ddrm.core.train.TensorBoardListener;
import org.ddrm.core.train.TfDevices;
import org.ddrm.core.train.TfRuntime;
import org.ddrm.core.train.TrainingListener;
import org.ddrm.core.train.TrainingStage;
import org.ddrm.core.evaluation.EvaluationResult;
import org.ddrm.core.evaluation.FullRankingEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * One experiment, end to end: builds every stage's graph (model, optimiser, evaluator) into one
 * graph, trains the stages in order with validation-based early stopping, evaluates the final
 * model on validation and test by full ranking, and writes the run directory.
 */
public final class Experiment {
  private static final Logger log = LoggerFactory.getLogger(Experiment.class);

  private final RunConfig config;
  private final ProviderRegistry registry;
  private final Dataset dataset;
  private final TfRuntime runtime;

  @Inject
  public Experiment(RunConfig config, ProviderRegistry registry, Dataset dataset,
      TfRuntime runtime) {
    this.config = config;
    this.registry = registry;
    this.dataset = dataset;
    this.runtime = runtime;
  }

  /** Runs the experiment from scratch and writes its results into {@code directory}. */
  public RunResult run(Path directory) {
    return run(directory, false, List.of());
  }

  /**
   * Runs the experiment into {@code directory}, taking up an interrupted run there from its
   * last epoch checkpoint when one was left under the same settings (else from scratch).
   */
  public RunResult resume(Path directory) {
    return run(directory, true, List.of());
  }

  /**
   * Runs with extra training listeners after the built-in ones (tests interrupt runs so). The
   * steps of the paper's procedure, in order: take up an interrupted run (or start afresh), build
   * every stage's model, optimiser and evaluator into one graph (deciding whether the first
   * stage goes through the backend cache), train the stages, evaluate the final model, write
   * the outputs.
   */
  RunResult run(Path directory, boolean mayResume, List<TrainingListener> extraListeners) {
    long start = System.nanoTime();
    StageTrainer trainer = new StageTrainer(config);
    RunDirectory output = new RunDirectory(directory);
    Optional<ResumeState> resumed = resumeOrStartAfresh(output, mayResume);
    double earlierSeconds = resumed.map(ResumeState::elapsedSeconds).orElse(0.0);
    DoubleSupplier elapsed = () -> earlierSeconds + (System.nanoTime() - start) / 1e9;
    output.writeConfig(config);
    log.info("run '{}': {}", config.name(), dataset);
    log.info("run '{}': {}", config.name(), runtime.placement(TfDevices.list()));
    // every invocation (a resumed run too) writes a TensorBoard event file of its own
    try (TensorBoardEvents events = TensorBoardEvents.create(directory);
        Graph graph = new Graph()) {
      List<TrainingListener> listeners = new ArrayList<>();
      listeners.add(new TensorBoardListener(events));
      listeners.addAll(extraListeners);
      RunGraph built = buildGraph(graph);
      try (Session session = runtime.openSession(graph)) {
        built.evaluation().open(session, built.models().context().tf());
        session.initialize();
        resumed.ifPresent(state -> restore(session, output, state, built.models()));
        List<StageOutcome> outcomes = trainStages(session, built, trainer, output, resumed,
            elapsed, listeners);
        RunEvaluation.FinalMetrics metrics = built.evaluation().evaluateFinalModel(session);
        return built.outputs().write(session, output, directory,
            built.evaluation().finalEvaluator(), outcomes, metrics, elapsed);
      }
    }
  }

  /**
   * What a run builds into its graph before the session starts, in this order (op seeds are
   * drawn in it): the models, their optimiser steps, the backend-cache decision with its
   * save / restore ops, the noise audit's and the exports' ops.
   */
  private record RunGraph(RunModels models, List<Optional<Op>> steps,
      Optional<BackendCacheStep> backendCache, RunEvaluation evaluation, RunOutputs outputs) {}

  private RunGraph buildGraph(Graph graph) {
    RunModels models = RunModels.build(graph, config, registry, dataset, runtime);
    Ops tf = models.context().tf();
    List<Optional<Op>> steps = optimiserSteps(graph, models);
    Optional<BackendCacheStep> backendCache = BackendCacheStep.decide(tf, config, dataset, models);
    RunEvaluation evaluation = RunEvaluation.prepare(tf, config, dataset, models);
    RunOutputs outputs = RunOutputs.prepare(tf, config, dataset, runtime, models);
    return new RunGraph(models, steps, backendCache, evaluation, outputs);
  }

  /**
   * Trains the stages in order, from the one an interrupted run stopped in; every stage before
   * the last is evaluated on test with its own model.
   */
  private List<StageOutcome> trainStages(Session session, RunGraph built, StageTrainer trainer,
      RunDirectory output, Optional<ResumeState> resumed, DoubleSupplier elapsed,
      List<TrainingListener> listeners) {
    List<TrainingStage> stages = built.models().stages();
    List<StageOutcome> outcomes =
        new ArrayList<>(resumed.map(ResumeState::finished).orElse(List.of()));
    int firstStage = resumed.map(ResumeState::stage).orElse(0);
    for (int k = firstStage; k < stages.size(); k++) {
      StageTrainer.StageRun stage = new StageTrainer.StageRun(session, built.models().context(),
          k, stages.get(k), built.steps().get(k), built.evaluation().evaluator(k),
          output.modelDirectory(), List.copyOf(outcomes),
          k == firstStage ? resumed : Optional.empty(), elapsed, listeners);
      StageOutcome outcome =
          trainStage(trainer, stage, k == 0 ? built.backendCache() : Optional.empty());
      boolean last = k == stages.size() - 1;
      outcomes.add(last ? outcome : built.evaluation().withStageTest(k, outcome));
    }
    return outcomes;
  }

  /** Step 1: the state an interrupted run left, or a clean start (its resume files removed). */
  private Optional<ResumeState> resumeOrStartAfresh(RunDirectory output, boolean mayResume) {
    Optional<ResumeState> resumed =
        mayResume ? resumable(output.modelDirectory()) : Optional.empty();
    if (resumed.isEmpty()) {
      ResumePoint.clear(output.modelDirectory());
    }
    return resumed;
  }

  /** Restores the whole graph's variables where the interrupted run left them. */
  private void restore(Session session, RunDirectory output, ResumeState state,
      RunModels models) {
    ResumePoint.restore(session, output.modelDirectory(), state);
    log.info("run '{}': resumed at stage '{}' after epoch {}", config.name(),
        models.stages().get(state.stage()).name(), state.epoch());
  }

  /** Each stage's optimiser step ({@code lr}, {@code optimizer}); none without variables. */
  private List<Optional<Op>> optimiserSteps(Graph graph, RunModels models) {
    List<Optional<Op>> steps = new ArrayList<>();
    for (TrainingStage stage : models.stages()) {
      TrainableModel model = stage.model();
      String prefix = stage.settingsPrefix();
      Settings stageSettings = config.settings().scope(prefix);
      steps.add(StageTrainer.trains(model)
          ? Optional.of(new AdamOptimizer(FrameworkSettings.LR.read(prefix, stageSettings),
              runtime.deterministic(), FrameworkSettings.OPTIMIZER.read(prefix, stageSettings))
              .minimize(graph, models.context().tf(), "adam_" + stage.name(),
                  model.optimisedParts()))
          : Optional.empty());
    }
    return steps;
  }

  /**
   * One stage: through the backend cache when the cache step applies to it, recorded as
   * untrained when its model has no variables, else trained.
   */
  private static StageOutcome trainStage(StageTrainer trainer, StageTrainer.StageRun stage,
      Optional<BackendCacheStep> backendCache) {
    String name = stage.stage().name();
    if (backendCache.isPresent()) {
      return backendCache.get().trainOrLoad(stage.session(), name, stage.modelDirectory(),
          stage.resumed().isPresent(), () -> trainer.train(stage));
    }
    if (!StageTrainer.trains(stage.stage().model())) {
      log.info("stage '{}': no variables, nothing to train", name);
      return StageTrainer.untrained(name);
    }
    return trainer.train(stage);
  }

  /**
   * Writes the top {@code k} items of the given users under the final model of the finished run
   * in {@code directory} (its last stage's checkpoint) to {@code file}, train items masked.
   * Builds the run's models without optimisers or training.
   *
   * @throws ConfigException when the run directory holds no checkpoint of its last stage
   */
  public Path recommend(Path directory, int[] users, int k, Path file) {
    try (Graph graph = new Graph()) {
      RunModels models = RunModels.build(graph, config, registry, dataset, runtime);
      try (Session session = runtime.openSession(graph)) {
        FullRankingEvaluator evaluator = new FullRankingEvaluator(session, models.context().tf(),
            models.finalStage().model(), dataset, RunEvaluation.options(config));
        session.initialize();
        restoreFinalModel(session, new RunDirectory(directory).modelDirectory(), models.stages());
        RunOutputs.writeTopK(config, dataset, evaluator, file, users, k);
        return file;
      }
    }
  }

  /**
   * Restores the checkpoint of the last stage that trained (later stages with nothing to train
   * have none); a model with nothing trained at all (one-pass recommenders) is already complete.
   */
  private static void restoreFinalModel(Session session, Path modelDirectory,
      List<TrainingStage> stages) {
    for (int k = stages.size() - 1; k >= 0; k--) {
      if (!StageTrainer.trains(stages.get(k).model())) {
        continue;
      }
      Checkpoint checkpoint = Checkpoint.allVariables(session, modelDirectory, stages.get(k).name());
      if (!checkpoint.exists()) {
        throw new ConfigException(modelDirectory.getParent() + " holds no trained model (no"
            + " checkpoint " + checkpoint.path() + "); recommend from a finished run's directory");
      }
      checkpoint.restore();
      return;
    }
  }

  /** The state an interrupted run left, if it was run under the same settings. */
  private Optional<ResumeState> resumable(Path modelDirectory) {
    Optional<ResumeState> state = ResumeState.read(modelDirectory);
    if (state.isPresent() && !sameSettings(state.get().settings())) {
      log.warn("run '{}': the settings differ from those of the interrupted run in {}; starting"
          + " afresh", config.name(), modelDirectory.getParent());
      return Optional.empty();
    }
    return state;
  }

  /**
   * Whether an interrupted run's settings are this run's, thread counts aside. They are resolved
   * again first, so that a key a later version of the framework added, at its default, does not
   * count as a change.
   */
  private boolean sameSettings(Map<String, String> recorded) {
    List<String> overrides = recorded.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList();
    try {
      return ResultSettings.of(RunConfig.fromOverrides(config.name(), overrides, registry)
          .settings().asMap()).equals(ResultSettings.of(config.settings().asMap()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  static String format(EvaluationResult result) {
    return format(result.means());
  }

  /** Recall and NDCG of metric means, for log lines. */
  static String format(Map<String, Double> means) {
    StringBuilder out = new StringBuilder();
    means.forEach((k, v) -> {
      if (k.startsWith("recall") || k.startsWith("ndcg")) {
        out.append(k).append(' ').append(String.format(Locale.ROOT, "%.4f", v)).append("  ");
      }
    });
    return out.toString().trim();
  }
}
