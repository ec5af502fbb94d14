package org.ddrm.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ddrm.api.BatchSource;
import org.ddrm.api.Dataset;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.Provider;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.TrainableModel;
import org.ddrm.core.config.ConfigLoader;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.config.SettingsSchema;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.Checkpoint;
import org.ddrm.core.train.EmbeddingPipeline;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.SeedPolicy;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.core.train.TrainingListener;
import org.ddrm.core.train.TrainingLoop;
import org.ddrm.core.train.TrainingStage;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A plugin built into a graph the way a run builds it, on {@link KitData}: the settings resolved
 * by the framework's schema (defaults, rules, unknown keys rejected), the stages of
 * {@link EmbeddingPipeline} (backend + denoiser) or the recommender's one stage, Adam per stage,
 * and a deterministic session (one thread in the session's own pools, locked updates), so that
 * equal seeds give bit-identical numbers. Train with {@link #train}, read with {@link #scores}
 * and {@link #fetch}.
 */
public final class KitRun implements AutoCloseable {
  /** Stage settings the kit uses unless a test overrides them: small batches, a brisk rate. */
  static final Map<String, String> STAGE_DEFAULTS = Map.of(
      "train.batch_size", "128", "denoise.batch_size", "128",
      "train.lr", "0.01", "denoise.lr", "0.005");

  private static final ConfigProto DETERMINISTIC = ConfigProto.newBuilder()
      .setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1)
      .setUsePerSessionThreads(true).build();

  private final long seed;
  private final SeedPolicy seeds;
  private final Graph graph;
  private final TfGraphContext context;
  private final Optional<EmbeddingPipeline> pipeline;
  private final List<TrainingStage> stages;
  private final List<Optional<Op>> steps = new ArrayList<>();
  private final Placeholder<TInt32> users;
  private final Operand<TFloat32> scores;
  private final Session session;
  private final int[] epochsDone;

  private KitRun(long seed, Graph graph, TfGraphContext context,
      Optional<EmbeddingPipeline> pipeline, List<TrainingStage> stages, MapSettings settings) {
    this.seed = seed;
    this.seeds = SeedPolicy.of(settings);
    this.graph = graph;
    this.context = context;
    this.pipeline = pipeline;
    this.stages = List.copyOf(stages);
    for (TrainingStage stage : stages) {
      TrainableModel model = stage.model();
      String prefix = stage.settingsPrefix();
      var stageSettings = settings.scope(prefix);
      steps.add(model.trainableVariables().isEmpty() ? Optional.empty()
          : Optional.of(new AdamOptimizer(FrameworkSettings.LR.read(prefix, stageSettings), true,
              FrameworkSettings.OPTIMIZER.read(prefix, stageSettings))
              .minimize(graph, context.tf(), "adam_" + stage.name(), model.optimisedParts())));
    }
    this.users = context.tf().withName("kit_users")
        .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    this.scores = finalModel().scores(users);
    this.session = new Session(graph, DETERMINISTIC);
    session.initialize();
    this.epochsDone = new int[stages.size()];
  }

  /**
   * A backend and a denoiser composed by the framework's {@link EmbeddingPipeline}.
   *
   * @param settings full keys ({@code mf.dim}, {@code train.epochs}) over the kit's defaults
   */
  public static KitRun embedding(EmbeddingBackendProvider backend, DenoiserProvider denoiser,
      Map<String, String> settings, long seed) {
    DenoiserProvider none = denoiser.name().equals("none") ? denoiser
        : ProviderRegistry.discover().denoiser("none");
    MapSettings resolved = resolve(settings, seed, backend, denoiser, none);
    Graph graph = new Graph();
    try {
      TfGraphContext context = new TfGraphContext(graph, KitData.dataset(), seed);
      EmbeddingPipeline pipeline =
          EmbeddingPipeline.build(context, resolved, backend, denoiser, none);
      return new KitRun(seed, graph, context, Optional.of(pipeline), pipeline.stages(), resolved);
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  /**
   * A denoiser composed with the kit's probe backend (free tables drawn from the seed,
   * {@code kit-probe.dim} = 8), as {@link DenoiserConformance} builds it.
   */
  public static KitRun onProbeBackend(DenoiserProvider denoiser, Map<String, String> settings,
      long seed) {
    return embedding(new ProbeBackendProvider(), denoiser, settings, seed);
  }

  /** A stand-alone recommender in one stage ({@code train.*} settings). */
  public static KitRun recommender(RecommenderProvider provider, Map<String, String> settings,
      long seed) {
    return recommender(provider, settings, KitData.dataset(), seed);
  }

  /** A stand-alone recommender in one stage on another data set than {@link KitData}. */
  public static KitRun recommender(RecommenderProvider provider, Map<String, String> settings,
      Dataset dataset, long seed) {
    MapSettings resolved = resolve(settings, seed, provider);
    Graph graph = new Graph();
    try {
      TfGraphContext context = new TfGraphContext(graph, dataset, seed);
      TrainableModel model = provider.build(context, resolved.scope(provider.name()),
          resolved.getInt("train.batch_size"));
      return new KitRun(seed, graph, context, Optional.empty(),
          List.of(new TrainingStage(provider.name(), model, "train")), resolved);
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  /**
   * The run's settings as the framework resolves them: the framework's and the providers' keys
   * with their defaults, the kit's stage defaults, then {@code settings}; unknown keys and values
   * a key's rule refuses are a {@link org.ddrm.core.config.ConfigException}.
   */
  public static MapSettings resolve(Map<String, String> settings, long seed,
      Provider... providers) {
    SettingsSchema schema = new SettingsSchema().add("", FrameworkSettings.all());
    for (Provider provider : providers) {
      schema.add(provider.name(), provider.settings());
    }
    Map<String, String> values = new LinkedHashMap<>(STAGE_DEFAULTS);
    values.put("seed", String.valueOf(seed));
    values.putAll(settings);
    return schema.validate(new ConfigLoader.RawConfig("the kit's settings", values));
  }

  public long seed() {
    return seed;
  }

  public TfGraphContext context() {
    return context;
  }

  public Session session() {
    return session;
  }

  /** The pipeline of a backend + denoiser run (empty for a recommender). */
  public Optional<EmbeddingPipeline> pipeline() {
    return pipeline;
  }

  public List<TrainingStage> stages() {
    return stages;
  }

  /** The model that scores: the last stage's. */
  public TrainableModel finalModel() {
    return stages.get(stages.size() - 1).model();
  }

  /**
   * Trains stage {@code index} for {@code epochs} more epochs through the framework's training
   * loop (hooks included, each epoch's sampling drawn as a run draws it) and returns each
   * epoch's mean loss; a stage with nothing to train returns no losses.
   */
  public List<Double> train(int index, int epochs) {
    TrainingStage stage = stages.get(index);
    if (steps.get(index).isEmpty()) {
      return List.of();
    }
    List<Double> losses = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public EpochReport onEpochEnd(EpochReport report) {
        losses.add(report.meanLoss());
        return report;
      }
    };
    int done = epochsDone[index];
    new TrainingLoop(session, stage.name(), stage.model().loss(), steps.get(index).get(),
        stage.model().batches(), context.hooks(), List.of(recorder))
        .resume(done, done + epochs, seeds.epochGenerators(index));
    epochsDone[index] = done + epochs;
    return losses;
  }

  /** Trains every stage, in order, for the given epochs each. */
  public void trainAll(int epochs) {
    for (int k = 0; k < stages.size(); k++) {
      train(k, epochs);
    }
  }

  /** The final model's scores of the given users, row-major [users, items]. */
  public float[] scores(int... ids) {
    try (TInt32 fed = TInt32.vectorOf(ids)) {
      Session.Runner runner = session.runner().feed(users, fed).fetch(scores);
      try (AutoCloseable extra = finalModel().feedScoring(ids, runner);
          Result result = runner.run()) {
        return KitGraph.flat((TFloat32) result.get(0));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The number of columns {@link #scores} returned for {@code ids}, from the result's shape. */
  public long[] scoreShape(int... ids) {
    try (TInt32 fed = TInt32.vectorOf(ids)) {
      Session.Runner runner = session.runner().feed(users, fed).fetch(scores);
      try (AutoCloseable extra = finalModel().feedScoring(ids, runner);
          Result result = runner.run()) {
        return result.get(0).shape().asArray();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The values of {@code output} with the first batch of stage {@code index}'s source (a fixed
   * draw) fed, and any extra feeds; flattened row-major.
   */
  public float[] fetch(Operand<TFloat32> output, int index, Map<Operand<?>, Float> extra) {
    BatchSource batches = stages.get(index).model().batches();
    batches.startEpoch(new SplittableRandom(17));
    Session.Runner runner = session.runner();
    List<TFloat32> fed = new ArrayList<>();
    extra.forEach((input, value) -> {
      TFloat32 tensor = TFloat32.scalarOf(value);
      fed.add(tensor);
      runner.feed(input, tensor);
    });
    try (AutoCloseable batch = batches.feedNext(runner); Result result = runner.fetch(output).run()) {
      return KitGraph.flat((TFloat32) result.get(0));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      fed.forEach(TFloat32::close);
    }
  }

  /** An output that needs no feeds, flattened row-major. */
  public float[] fetch(Operand<TFloat32> output) {
    try (Result result = session.runner().fetch(output).run()) {
      return KitGraph.flat((TFloat32) result.get(0));
    }
  }

  /** A variable's current values, flattened row-major. */
  public float[] values(Variable<TFloat32> variable) {
    try (Result result = session.runner().fetch(variable).run()) {
      return KitGraph.flat((TFloat32) result.get(0));
    }
  }

  /** Saves every variable (Adam's slots too) as a run's resume checkpoint does. */
  public void save(Path directory) {
    Checkpoint.allVariables(session, directory, "kit").save();
  }

  /**
   * Restores {@link #save}'s checkpoint and takes up after {@code epochsDone} epochs of stage
   * {@code index} (earlier stages count as finished), handing each batch source its carried state.
   */
  public void restore(Path directory, int index, int epochsDone, double[] carriedState) {
    Checkpoint.allVariables(session, directory, "kit").restore();
    stages.get(index).model().batches().resumeAfter(epochsDone, carriedState);
    this.epochsDone[index] = epochsDone;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
