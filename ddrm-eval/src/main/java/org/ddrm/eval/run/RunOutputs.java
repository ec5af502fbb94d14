package org.ddrm.eval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.ddrm.api.Dataset;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.train.TfRuntime;
import org.ddrm.core.evaluation.FullRankingEvaluator;
import org.ddrm.core.evaluation.Recommendations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * What a finished run writes: the top-K lists ({@code eval.export_topk}), the embedding tables
 * ({@code export.embeddings}), then the run directory's results ({@code metrics.json} last), and
 * the resume files go. The embedding export's ops are built before the session initialises.
 */
final class RunOutputs {
  private static final Logger log = LoggerFactory.getLogger(RunOutputs.class);

  private final RunConfig config;
  private final Dataset dataset;
  private final TfRuntime runtime;
  private final Optional<EmbeddingExport> export;

  private RunOutputs(RunConfig config, Dataset dataset, TfRuntime runtime,
      Optional<EmbeddingExport> export) {
    this.config = config;
    this.dataset = dataset;
    this.runtime = runtime;
    this.export = export;
  }

  /** Builds the embedding export's ops when {@code export.embeddings} asks for them. */
  static RunOutputs prepare(Ops tf, RunConfig config, Dataset dataset, TfRuntime runtime,
      RunModels models) {
    boolean embeddings = FrameworkSettings.EXPORT_EMBEDDINGS.read("", config.settings());
    Optional<EmbeddingExport> export = embeddings
        ? EmbeddingExport.of(tf, models.pipeline(), config.denoiser().map(d -> d.name()).orElse(""))
        : Optional.empty();
    if (embeddings && models.pipeline().isEmpty()) {
      log.warn("export.embeddings: '{}' is a stand-alone recommender without embedding tables;"
          + " nothing exported", config.recommender().orElseThrow().name());
    }
    return new RunOutputs(config, dataset, runtime, export);
  }

  /** Writes the exports and the results; returns the run's result. */
  RunResult write(Session session, RunDirectory output, Path directory,
      FullRankingEvaluator finalModel, List<StageOutcome> outcomes,
      RunEvaluation.FinalMetrics metrics, DoubleSupplier elapsedSeconds) {
    int exportK = FrameworkSettings.EXPORT_TOPK.read("", config.settings());
    if (exportK > 0) {
      int[] users = IntStream.range(0, dataset.numUsers()).toArray();
      writeTopK(config, dataset, finalModel, directory.resolve(TopKFile.FILE_NAME), users,
          exportK);
    }
    export.ifPresent(e -> e.write(session, directory, dataset.numUsers(),
        FrameworkSettings.EVAL_BATCH_SIZE.read("", config.settings())));
    RunResult result = new RunResult(directory, outcomes, metrics.valid(), metrics.test(),
        elapsedSeconds.getAsDouble(), metrics.noiseAudit(), metrics.startingPoint());
    output.writeResults(config, dataset, runtime, result);
    ResumePoint.clear(output.modelDirectory());
    return result;
  }

  /** Writes the top {@code k} items of {@code users} under the evaluator's model. */
  static void writeTopK(RunConfig config, Dataset dataset, FullRankingEvaluator evaluator,
      Path file, int[] users, int k) {
    Recommendations lists = evaluator.recommend(users, k);
    TopKFile.write(file, lists, OriginalIds.users(config.settings(), dataset.numUsers()),
        OriginalIds.items(config.settings(), dataset.numItems()));
    log.info("top-{} lists of {} users written to {}", k, users.length, file);
  }
}
