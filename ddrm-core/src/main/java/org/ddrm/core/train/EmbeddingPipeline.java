package org.ddrm.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ddrm.api.BatchSource;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.config.FrameworkSettings;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Composes an embedding backend and a denoiser into training stages. A denoiser that freezes the
 * backend (DDRM) gets two stages, as in the paper: the backend with plain BPR, then only the
 * denoiser's variables. Any other denoiser trains together with the backend in one stage.
 */
public final class EmbeddingPipeline {
  private final TripleBatch batch;
  private final EmbeddingBackend backend;
  private final Denoiser denoiser;
  private final List<TrainingStage> stages;

  private EmbeddingPipeline(TripleBatch batch, EmbeddingBackend backend, Denoiser denoiser,
      List<TrainingStage> stages) {
    this.batch = batch;
    this.backend = backend;
    this.denoiser = denoiser;
    this.stages = stages;
  }

  /**
   * Builds the backend, the denoiser and (when the denoiser freezes the backend) the plain-BPR
   * first stage into the graph.
   *
   * @param settings the run's settings (provider settings are scoped by provider name); a
   *     non-blank {@code denoise.seed} (absent: none) seeds the frozen-backend denoiser's ops
   *     apart from the run ({@link SeedPolicy#denoiserGraph})
   * @param bpr the {@code none} provider, used for the first stage of frozen-backend denoisers
   */
  public static EmbeddingPipeline build(ModelGraph graph, Settings settings,
      EmbeddingBackendProvider backendProvider, DenoiserProvider denoiserProvider,
      DenoiserProvider bpr) {
    Ops tf = graph.tf();
    TripleBatch batch = new TripleBatch(
        input(tf, "users"), input(tf, "positives"), input(tf, "negatives"));
    EmbeddingBackend backend =
        backendProvider.build(graph, settings.scope(backendProvider.name()));
    OptionalLong denoiserSeed = SeedPolicy.denoiserSeed(settings);
    Denoiser denoiser = denoiserProvider.build(SeedPolicy.denoiserGraph(graph, denoiserSeed),
        settings.scope(denoiserProvider.name()), backend, batch);
    if (denoiserSeed.isPresent() && !denoiser.freezesBackend()) {
      throw new ConfigException("'" + SeedPolicy.DENOISER_SEED.key() + "' seeds the stage of a"
          + " frozen-backend denoiser (ddrm); '" + denoiserProvider.name() + "' trains with the"
          + " backend in one stage, which 'seed' seeds");
    }
    List<TrainingStage> stages = new ArrayList<>();
    if (denoiser.freezesBackend()) {
      Denoiser plain = bpr.build(graph, settings.scope(bpr.name()), backend, batch);
      stages.add(new TrainingStage("backend",
          new TripleModel("backend", graph, batch, backend, plain, backend.variables(),
              batchSize(settings, "train")),
          "train"));
      stages.add(new TrainingStage("denoiser",
          new TripleModel("denoiser", graph, batch, backend, denoiser, denoiser.variables(),
              batchSize(settings, "denoise")),
          "denoise"));
    } else {
      List<Variable<TFloat32>> variables = new ArrayList<>(backend.variables());
      variables.addAll(denoiser.variables());
      stages.add(new TrainingStage("backend",
          new TripleModel("backend", graph, batch, backend, denoiser, variables,
              batchSize(settings, "train")),
          "train"));
    }
    return new EmbeddingPipeline(batch, backend, denoiser, List.copyOf(stages));
  }

  private static int batchSize(Settings settings, String stagePrefix) {
    return FrameworkSettings.BATCH_SIZE.read(stagePrefix, settings.scope(stagePrefix));
  }

  /** The triple placeholders every stage's loss reads. */
  public TripleBatch batch() {
    return batch;
  }

  public EmbeddingBackend backend() {
    return backend;
  }

  /** The run's denoiser (the one the last stage trains). */
  public Denoiser denoiser() {
    return denoiser;
  }

  /** The stages in training order; the last one's model is the run's final model. */
  public List<TrainingStage> stages() {
    return stages;
  }

  private static Placeholder<TInt32> input(Ops tf, String name) {
    return tf.withName(name).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  /**
   * A denoiser's loss over sampled BPR triples, training the given variables; its loss is the
   * {@link StageLoss} (built on first use: a stage with nothing to train never asks).
   */
  private static final class TripleModel implements TrainableModel {
    private final Ops tf;
    private final TripleBatch batch;
    private final EmbeddingBackend backend;
    private final Denoiser denoiser;
    private final List<Variable<TFloat32>> variables;
    private final BatchSource batches;
    private Operand<TFloat32> loss;

    TripleModel(String stage, ModelGraph graph, TripleBatch batch, EmbeddingBackend backend,
        Denoiser denoiser, List<Variable<TFloat32>> variables, int batchSize) {
      this.tf = graph.tf().withSubScope(stage + "_stage_loss");
      this.batch = batch;
      this.backend = backend;
      this.denoiser = denoiser;
      this.variables = List.copyOf(variables);
      this.batches = new UniformTripleSampler(graph.dataset().trainMatrix(), batch, batchSize);
    }

    @Override
    public Operand<TFloat32> loss() {
      if (loss == null) {
        loss = StageLoss.compose(tf, denoiser.loss(), backend, batch,
            StageLoss.trainsBackend(backend, variables));
      }
      return loss;
    }

    @Override
    public List<Variable<TFloat32>> trainableVariables() {
      return variables;
    }

    @Override
    public BatchSource batches() {
      return batches;
    }

    @Override
    public Operand<TFloat32> scores(Operand<TInt32> users) {
      return denoiser.scores(users);
    }

    @Override
    public Optional<UserItemTables> scoringFactors() {
      return denoiser.scoringFactors();
    }
  }
}
