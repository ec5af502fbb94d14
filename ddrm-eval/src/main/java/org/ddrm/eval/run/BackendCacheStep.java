package org.ddrm.eval.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.ddrm.api.Dataset;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.train.Checkpoint;
import org.ddrm.core.train.EmbeddingPipeline;
import org.ddrm.eval.claim.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The backend-cache decision of a run's first stage. A frozen-backend denoiser's first stage
 * (the backend with plain BPR) and a plain backend run ({@code denoiser = none}) train the same
 * model, so both go through the cache: the stage is loaded from it when an identical backend was
 * trained before, else trained and stored. Runs of other shapes (one-stage denoisers trained with
 * the backend, stand-alone recommenders, backends without variables) never use it.
 */
final class BackendCacheStep {
  private static final Logger log = LoggerFactory.getLogger(BackendCacheStep.class);

  private final RunConfig config;
  private final Dataset dataset;
  private final Checkpoint.VariableSaver saver;
  private final boolean plainRun;
  private final Duration lease = Claim.leaseFromEnvironment();

  private BackendCacheStep(RunConfig config, Dataset dataset, Checkpoint.VariableSaver saver,
      boolean plainRun) {
    this.config = config;
    this.dataset = dataset;
    this.saver = saver;
    this.plainRun = plainRun;
  }

  /**
   * The cache step of the run's first stage, when its backend may be shared through the cache;
   * builds the save / restore ops of the backend's variables (before the session initialises).
   */
  static Optional<BackendCacheStep> decide(Ops tf, RunConfig config, Dataset dataset,
      RunModels models) {
    if (models.pipeline().isEmpty()) {
      return Optional.empty();
    }
    EmbeddingPipeline pipeline = models.pipeline().get();
    boolean plainRun = config.denoiser().map(d -> d.name().equals("none")).orElse(false);
    boolean sharedBackend = models.stages().size() == 2 || plainRun;
    if (!sharedBackend || pipeline.backend().variables().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BackendCacheStep(config, dataset,
        Checkpoint.of(tf, pipeline.backend().variables()), plainRun));
  }

  /**
   * The backend stage, loaded from the backend cache when an identical backend was trained before
   * and this run does not resume inside the stage (a plain backend run loads only when the cache
   * also recorded how the backend was trained, so that the run still reports that); else trained
   * and then stored there with that record. While another process trains the same backend, this
   * run waits for it instead of training it twice.
   *
   * @param resumedInside whether the run resumes inside this stage (it then trains on either way)
   * @param training trains the stage, when it is not loaded
   */
  StageOutcome trainOrLoad(Session session, String stage, Path modelDirectory,
      boolean resumedInside, Supplier<StageOutcome> training) {
    if (!FrameworkSettings.CACHE_ENABLED.read("", config.settings())
        || FrameworkSettings.BENCH_EPOCH_STEPS.read("", config.settings()) > 0) {
      return training.get(); // epochs cut short train no backend worth sharing
    }
    Path cacheDirectory = BackendCache.directory(config.settings(),
        config.backend().orElseThrow().name(), dataset);
    Checkpoint cached = saver.in(session, cacheDirectory, "backend");
    BooleanSupplier usable = () -> cached.exists()
        && (!plainRun || BackendCache.trainingRecord(cacheDirectory).isPresent());
    BackendCache.Access access = resumedInside
        ? new BackendCache.Access(false, BackendCache.tryClaim(cacheDirectory, lease))
        : BackendCache.awaitOrClaim(cacheDirectory, usable, lease);
    if (access.load()) {
      cached.restore();
      log.info("stage '{}': loaded the trained backend from {}", stage, cacheDirectory);
      if (plainRun) {
        saver.in(session, modelDirectory, stage).save();
      }
      return BackendCache.trainingRecord(cacheDirectory)
          .orElse(StageTrainer.untrained(stage))
          .loadedFrom(cacheDirectory.toString());
    }
    Optional<Claim> claim = access.claim();
    try {
      StageOutcome outcome = training.get();
      if (BackendCache.publish(cacheDirectory,
          directory -> saver.in(session, directory, "backend").save(), outcome)) {
        log.info("stage '{}': trained backend stored in {}", stage, cacheDirectory);
      }
      return outcome;
    } finally {
      claim.ifPresent(Claim::close);
    }
  }
}
