package org.ddrm.eval.run;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.Dataset;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.EmbeddingPipeline;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.core.train.TfRuntime;
import org.ddrm.core.train.TrainingStage;
import org.tensorflow.Graph;

/**
 * A run's models, built first into its graph (so that their variables are named the same in
 * training and in {@code recommend}): a backend composed with its denoiser into one or two
 * stages, or a stand-alone recommender's one stage.
 *
 * @param context the run's graph context (op factory, data set, seed sequence, training hooks)
 * @param pipeline the backend and denoiser, empty for a stand-alone recommender
 * @param stages the stages in training order; the last one's model is the run's final model
 */
record RunModels(TfGraphContext context, Optional<EmbeddingPipeline> pipeline,
    List<TrainingStage> stages) {

  /** Builds the providers the config names, each picked by its role. */
  static RunModels build(Graph graph, RunConfig config, ProviderRegistry registry,
      Dataset dataset, TfRuntime runtime) {
    MapSettings settings = config.settings();
    TfGraphContext context = new TfGraphContext(graph, runtime.ops(graph), dataset,
        config.seeds().runSeed());
    Optional<EmbeddingBackendProvider> backend = config.backend();
    if (backend.isPresent()) {
      DenoiserProvider denoiser = config.denoiser().orElseThrow();
      EmbeddingPipeline pipeline = EmbeddingPipeline.build(context, settings, backend.get(),
          denoiser, registry.denoiser("none"));
      return new RunModels(context, Optional.of(pipeline), pipeline.stages());
    }
    RecommenderProvider recommender = config.recommender().orElseThrow();
    TrainingStage stage = new TrainingStage(recommender.name(),
        recommender.build(context, settings.scope(recommender.name()),
            FrameworkSettings.BATCH_SIZE.read("train", settings.scope("train"))), "train");
    return new RunModels(context, Optional.empty(), List.of(stage));
  }

  /** The last stage: its model is the run's final model. */
  TrainingStage finalStage() {
    return stages.get(stages.size() - 1);
  }
}
