package org.ddrm.eval.run;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.Provider;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.Settings;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.api.Dataset;
import org.ddrm.api.TrainableModel;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.Checkpoint;
import org.ddrm.core.train.CurveRecorder;
import org.ddrm.core.train.EarlyStopping;
import org.ddrm.core.train.EmbeddingPipeline;
import org.ddrm.core.train.EpochSeeds;
import org.ddrm.core.train.DivergenceGuard;
import org.ddrm.core.train.ProgressListener;
import org.ddrm.core.train.TfDevices;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.core.train.TensorBoardEvents;
import org.ddrm.core.train.TensorBoardListener;
import org.ddrm.core.train.TfRuntime;
import org.ddrm.core.train.TrainingListener;
import org.ddrm.core.train.OpProfile;
import org.ddrm.core.train.TrainingLoop;
import org.ddrm.core.train.TrainingStage;
import org.ddrm.core.train.ZeroLossStop;
import org.ddrm.eval.claim.Claim;
import org.ddrm.eval.evaluation.EvaluationOptions;
import org.ddrm.eval.evaluation.EvaluationResult;
import org.ddrm.eval.evaluation.FullRankingEvaluator;
import org.ddrm.eval.evaluation.Recommendations;
import org.ddrm.eval.evaluation.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;

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
  private final Duration lease = Claim.leaseFromEnvironment();

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

  /** Runs with extra training listeners after the built-in ones (tests interrupt runs so). */
  RunResult run(Path directory, boolean mayResume, List<TrainingListener> extraListeners) {
    long start = System.nanoTime();
    MapSettings settings = config.settings();
    missCounting("denoise");
    RunDirectory output = new RunDirectory(directory);
    Optional<ResumeState> resumed = mayResume ? resumable(output.modelDirectory()) : Optional.empty();
    if (resumed.isEmpty()) {
      ResumePoint.clear(output.modelDirectory());
    }
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
      TfGraphContext context =
          new TfGraphContext(graph, runtime.ops(graph), dataset, config.seed());
      Optional<EmbeddingPipeline> pipeline = buildPipeline(context, settings);
      List<TrainingStage> stages = pipeline.map(EmbeddingPipeline::stages)
          .orElseGet(() -> List.of(buildRecommender(context, settings)));
      EvaluationOptions options = new EvaluationOptions(
          settings.getIntList("eval.ks"), settings.getInt("eval.batch_size"), false);
      List<Optional<Op>> steps = new ArrayList<>();
      for (TrainingStage stage : stages) {
        TrainableModel model = stage.model();
        Settings stageSettings = settings.scope(stage.settingsPrefix());
        steps.add(trains(model)
            ? Optional.of(new AdamOptimizer(stageSettings.getDouble("lr"), runtime.deterministic(),
                AdamOptimizer.Kind.of(stageSettings.getString("optimizer")))
                .minimize(graph, context.tf(), "adam_" + stage.name(), model.optimisedParts()))
            : Optional.empty());
      }
      // A plain backend run trains exactly what a frozen-backend denoiser's first stage trains,
      // so both share the backend cache: the first stage loads from it, plain runs fill it.
      boolean plainBackend = pipeline.isPresent() && config.providers().get(1).name().equals("none");
      Optional<Checkpoint.VariableSaver> backendSaver = pipeline.isPresent()
          && (stages.size() == 2 || plainBackend)
          && !pipeline.get().backend().variables().isEmpty()
          ? Optional.of(Checkpoint.of(context.tf(), pipeline.get().backend().variables()))
          : Optional.empty();
      Optional<NoiseAudit> audit = pipeline.flatMap(p -> NoiseAudit.create(context.tf(), dataset,
          p.denoiser(), config.providers().get(1).name()));
      Optional<EmbeddingExport> export = settings.getBoolean("export.embeddings")
          ? EmbeddingExport.of(context.tf(), pipeline, config.providers().get(1).name())
          : Optional.empty();
      if (settings.getBoolean("export.embeddings") && pipeline.isEmpty()) {
        log.warn("export.embeddings: '{}' is a stand-alone recommender without embedding tables;"
            + " nothing exported", config.providers().get(0).name());
      }
      try (Session session = runtime.openSession(graph)) {
        List<FullRankingEvaluator> evaluators = new ArrayList<>();
        for (TrainingStage stage : stages) {
          evaluators.add(new FullRankingEvaluator(session, context.tf(), stage.model(), dataset, options));
        }
        Optional<StartingPoint> startingPoint = pipeline.flatMap(p ->
            StartingPoint.of(session, context.tf(), p.denoiser(), dataset, options));
        session.initialize();
        List<StageOutcome> outcomes = new ArrayList<>();
        int firstStage = 0;
        if (resumed.isPresent()) {
          ResumeState state = resumed.get();
          ResumePoint.restore(session, output.modelDirectory(), state);
          outcomes.addAll(state.finished());
          firstStage = state.stage();
          log.info("run '{}': resumed at stage '{}' after epoch {}", config.name(),
              stages.get(firstStage).name(), state.epoch());
        }
        for (int k = firstStage; k < stages.size(); k++) {
          TrainingStage stage = stages.get(k);
          StageTraining training = new StageTraining(session, context, k, stage, steps.get(k),
              evaluators.get(k), output.modelDirectory(), List.copyOf(outcomes),
              k == firstStage ? resumed : Optional.empty(), elapsed, listeners);
          StageOutcome outcome;
          if (k == 0 && backendSaver.isPresent()) {
            outcome = trainOrLoadBackend(session, training, backendSaver.get(), plainBackend);
          } else if (!trains(stage.model())) {
            log.info("stage '{}': no variables, nothing to train", stage.name());
            outcome = new StageOutcome(stage.name(), 0, 0, Map.of(), List.of(), Map.of(), "");
          } else {
            outcome = train(training);
          }
          if (k < stages.size() - 1) {
            EvaluationResult stageTest = evaluators.get(k).evaluate(Split.TEST);
            log.info("stage '{}' test {}", stage.name(), format(stageTest));
            outcome = outcome.withTest(stageTest.means());
          }
          outcomes.add(outcome);
        }
        FullRankingEvaluator last = evaluators.get(evaluators.size() - 1);
        EvaluationResult valid = last.evaluate(Split.VALID);
        EvaluationResult test = last.evaluate(Split.TEST);
        log.info("test {}", format(test));
        Optional<NoiseAudit.Outcome> audited = audit.map(a -> a.audit(session, dataset));
        audited.ifPresent(a -> log.info("noise audit: {} scores separate {} clean from {} planted"
            + " train pairs with AUC {}", a.scorer(), a.clean(), a.planted(),
            String.format(Locale.ROOT, "%.4f", a.auc())));
        Optional<StartingPoint.Metrics> started = startingPoint.map(StartingPoint::evaluate);
        started.ifPresent(m -> log.info("the denoiser's starting point, not denoised: test {}",
            format(m.test())));
        int exportK = settings.getInt("eval.export_topk");
        if (exportK > 0) {
          writeTopK(last, directory.resolve(TopKFile.FILE_NAME), allUsers(), exportK);
        }
        export.ifPresent(e -> e.write(session, directory, dataset.numUsers(),
            settings.getInt("eval.batch_size")));
        RunResult result = new RunResult(directory, outcomes, valid, test,
            elapsed.getAsDouble(), audited, started);
        output.writeResults(config, dataset, runtime, result);
        ResumePoint.clear(output.modelDirectory());
        return result;
      }
    }
  }

  /**
   * Writes the top {@code k} items of the given users under the final model of the finished run
   * in {@code directory} (its last stage's checkpoint) to {@code file}, train items masked.
   * Builds the run's models without optimisers or training.
   *
   * @throws ConfigException when the run directory holds no checkpoint of its last stage
   */
  public Path recommend(Path directory, int[] users, int k, Path file) {
    MapSettings settings = config.settings();
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, runtime.ops(graph), dataset, config.seed());
      Optional<EmbeddingPipeline> pipeline = buildPipeline(context, settings);
      List<TrainingStage> stages = pipeline.map(EmbeddingPipeline::stages)
          .orElseGet(() -> List.of(buildRecommender(context, settings)));
      TrainingStage last = stages.get(stages.size() - 1);
      EvaluationOptions options = new EvaluationOptions(
          settings.getIntList("eval.ks"), settings.getInt("eval.batch_size"), false);
      try (Session session = runtime.openSession(graph)) {
        FullRankingEvaluator evaluator =
            new FullRankingEvaluator(session, context.tf(), last.model(), dataset, options);
        session.initialize();
        restoreFinalModel(session, new RunDirectory(directory).modelDirectory(), stages);
        writeTopK(evaluator, file, users, k);
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
      if (!trains(stages.get(k).model())) {
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

  /** Every user of the data set, ascending. */
  int[] allUsers() {
    return IntStream.range(0, dataset.numUsers()).toArray();
  }

  private void writeTopK(FullRankingEvaluator evaluator, Path file, int[] users, int k) {
    Recommendations lists = evaluator.recommend(users, k);
    TopKFile.write(file, lists, OriginalIds.users(config.settings(), dataset.numUsers()),
        OriginalIds.items(config.settings(), dataset.numItems()));
    log.info("top-{} lists of {} users written to {}", k, users.length, file);
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

  /** What training one stage needs: its graph parts, where it writes, and where it resumes. */
  private record StageTraining(Session session, TfGraphContext context, int index,
      TrainingStage stage, Optional<Op> step, FullRankingEvaluator evaluator, Path modelDirectory,
      List<StageOutcome> finished, Optional<ResumeState> resumed, DoubleSupplier elapsedSeconds,
      List<TrainingListener> extraListeners) {}

  private Optional<EmbeddingPipeline> buildPipeline(TfGraphContext context, MapSettings settings) {
    List<Provider> providers = config.providers();
    if (!(providers.get(0) instanceof EmbeddingBackendProvider backend)) {
      return Optional.empty();
    }
    return Optional.of(EmbeddingPipeline.build(context, settings, backend,
        (DenoiserProvider) providers.get(1), registry.denoiser("none")));
  }

  private TrainingStage buildRecommender(TfGraphContext context, MapSettings settings) {
    RecommenderProvider recommender = (RecommenderProvider) config.providers().get(0);
    return new TrainingStage(recommender.name(),
        recommender.build(context, settings.scope(recommender.name()),
            settings.getInt("train.batch_size")), "train");
  }

  /**
   * The backend stage, loaded from the backend cache when an identical backend was trained before
   * and this run does not resume inside the stage (a plain backend run loads only when the cache
   * also recorded how the backend was trained, so that the run still reports that); else trained
   * and then stored there with that record. While another process trains the same backend, this
   * run waits for it instead of training it twice.
   */
  private StageOutcome trainOrLoadBackend(Session session, StageTraining training,
      Checkpoint.VariableSaver saver, boolean plainRun) {
    MapSettings settings = config.settings();
    if (!settings.getBoolean("cache.enabled")) {
      return train(training);
    }
    String stage = training.stage().name();
    Path cacheDirectory =
        BackendCache.directory(settings, config.providers().get(0).name(), dataset);
    Checkpoint cached = saver.in(session, cacheDirectory, "backend");
    BooleanSupplier usable = () -> cached.exists()
        && (!plainRun || BackendCache.trainingRecord(cacheDirectory).isPresent());
    BackendCache.Access access = training.resumed().isPresent()
        ? new BackendCache.Access(false, BackendCache.tryClaim(cacheDirectory, lease))
        : BackendCache.awaitOrClaim(cacheDirectory, usable, lease);
    if (access.load()) {
      cached.restore();
      log.info("stage '{}': loaded the trained backend from {}", stage, cacheDirectory);
      if (plainRun) {
        saver.in(session, training.modelDirectory(), stage).save();
      }
      return BackendCache.trainingRecord(cacheDirectory)
          .orElse(new StageOutcome(stage, 0, 0, Map.of(), List.of(), Map.of(), ""))
          .loadedFrom(cacheDirectory.toString());
    }
    Optional<Claim> claim = access.claim();
    try {
      StageOutcome outcome = train(training);
      if (BackendCache.publish(cacheDirectory,
          directory -> saver.in(session, directory, "backend").save(), outcome)) {
        log.info("stage '{}': trained backend stored in {}", stage, cacheDirectory);
      }
      return outcome;
    } finally {
      claim.ifPresent(Claim::close);
    }
  }

  private StageOutcome train(StageTraining t) {
    TrainingStage stage = t.stage();
    Settings s = config.settings().scope(stage.settingsPrefix());
    int epochs = s.getInt("epochs");
    Checkpoint checkpoint = Checkpoint.allVariables(t.session(), t.modelDirectory(), stage.name());
    EarlyStopping stopping = new EarlyStopping(
        () -> t.evaluator().evaluate(Split.VALID).means(), s.getString("select_metric"),
        s.getInt("eval_every"), s.getInt("patience"), s.getInt("min_epochs"),
        missCounting(stage.settingsPrefix()), checkpoint);
    CurveRecorder curve = new CurveRecorder();
    int epochsDone = 0;
    if (t.resumed().isPresent()) {
      ResumeState state = t.resumed().get();
      stopping.restore(state.stopping());
      curve.restore(state.curve());
      epochsDone = state.epoch();
      stage.model().batches().resumeAfter(epochsDone, state.batchState());
    }
    List<TrainingListener> listeners = new ArrayList<>(List.of(new DivergenceGuard(), new ZeroLossStop(),
        new ProgressListener(System.console() != null, epochs), stopping, curve,
        new ResumePoint(t.session(), t.modelDirectory(), config.name(), config.settings().asMap(),
            t.finished(), t.index(), stopping, curve, stage.model().batches(),
            t.elapsedSeconds())));
    listeners.addAll(t.extraListeners());
    TrainingLoop loop = new TrainingLoop(t.session(), stage.name(), stage.model().loss(),
        t.step().orElseThrow(),
        stage.model().batches(), t.context().hooks(), listeners);
    int tracedSteps = config.settings().getInt("profile.steps");
    Optional<OpProfile> profile =
        tracedSteps > 0 ? Optional.of(new OpProfile(tracedSteps)) : Optional.empty();
    if (profile.isPresent()) {
      loop = loop.profiledBy(profile.get());
    }
    log.info("stage '{}': up to {} epochs, {} steps each", stage.name(), epochs,
        stage.model().batches().batchesPerEpoch());
    int run = loop.resume(epochsDone, epochs, EpochSeeds.of(config.stageSeed(t.index()), t.index()));
    profile.ifPresent(p -> writeProfile(t.modelDirectory().getParent(), stage.name(), p));
    if (stopping.bestMetrics().isEmpty()) {
      checkpoint.save();
    }
    return new StageOutcome(stage.name(), stopping.bestEpoch(), run, stopping.bestMetrics(),
        curve.reports(), Map.of(), "");
  }

  /** The stage's early-stopping miss rule: {@code denoise.count_misses}, the first rule else. */
  private EarlyStopping.MissCounting missCounting(String stagePrefix) {
    if (!stagePrefix.equals("denoise")) {
      return EarlyStopping.MissCounting.ALWAYS;
    }
    // the key's value rule admits only the enum's names, in lower case
    return EarlyStopping.MissCounting.valueOf(config.settings()
        .getString(FrameworkSettings.COUNT_MISSES).trim().toUpperCase(Locale.ROOT));
  }

  /**
   * Whether a stage has variables to train; one without (MostPop, ItemKNN, EASE, history-mean)
   * is complete once the session is initialised and is only evaluated.
   */
  private static boolean trains(TrainableModel model) {
    return !model.trainableVariables().isEmpty();
  }

  private static void writeProfile(Path runDirectory, String stage, OpProfile profile) {
    Path file = runDirectory.resolve("op-profile-" + stage + ".json");
    AtomicFiles.write(file, RunDirectory.json(profile.toJson()));
    String top = profile.byTime().stream().limit(6).map(op -> String.format(Locale.ROOT, "%s %.1f ms",
        op.type(), op.micros() / 1e3 / Math.max(1, profile.steps())))
        .collect(Collectors.joining(", "));
    log.info("stage '{}': {} traced steps, {} ms wall each; kernel time per step: {} (all in {})",
        stage, profile.steps(), String.format(Locale.ROOT, "%.1f", profile.wallMillisPerStep()), top, file);
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
