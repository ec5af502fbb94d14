package org.ddrm.eval.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ddrm.api.Dataset;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.train.TrainingStage;
import org.ddrm.core.evaluation.EvaluationOptions;
import org.ddrm.core.evaluation.EvaluationResult;
import org.ddrm.core.evaluation.FullRankingEvaluator;
import org.ddrm.core.evaluation.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * A run's evaluation: one full-ranking evaluator per stage (validation during training, each
 * earlier stage's test metrics), then the final model on validation and test, the noise audit
 * (when the data set's planted pairs are known) and the denoiser's starting point. Its ops are
 * built before the session initialises: the audit's with {@link #prepare}, the evaluators' with
 * {@link #open}.
 */
final class RunEvaluation {
  private static final Logger log = LoggerFactory.getLogger(RunEvaluation.class);

  private final Dataset dataset;
  private final RunModels models;
  private final EvaluationOptions options;
  private final Optional<NoiseAudit> audit;
  private List<FullRankingEvaluator> evaluators = List.of();
  private Optional<StartingPoint> startingPoint = Optional.empty();

  private RunEvaluation(Dataset dataset, RunModels models, EvaluationOptions options,
      Optional<NoiseAudit> audit) {
    this.dataset = dataset;
    this.models = models;
    this.options = options;
    this.audit = audit;
  }

  /** The evaluation settings of a run: {@code eval.ks}, {@code eval.batch_size}. */
  static EvaluationOptions options(RunConfig config) {
    return new EvaluationOptions(FrameworkSettings.EVAL_KS.read("", config.settings()),
        FrameworkSettings.EVAL_BATCH_SIZE.read("", config.settings()), false);
  }

  /** Builds the noise audit's ops, scoring with the run's denoiser. */
  static RunEvaluation prepare(Ops tf, RunConfig config, Dataset dataset, RunModels models) {
    Optional<NoiseAudit> audit = models.pipeline().flatMap(p -> NoiseAudit.create(tf, dataset,
        p.denoiser(), config.denoiser().orElseThrow().name()));
    return new RunEvaluation(dataset, models, options(config), audit);
  }

  /** Builds every stage's evaluator and the starting point's on the session's graph. */
  RunEvaluation open(Session session, Ops tf) {
    List<FullRankingEvaluator> built = new ArrayList<>();
    for (TrainingStage stage : models.stages()) {
      built.add(new FullRankingEvaluator(session, tf, stage.model(), dataset, options));
    }
    evaluators = List.copyOf(built);
    startingPoint = models.pipeline().flatMap(p ->
        StartingPoint.of(session, tf, p.denoiser(), dataset, options));
    return this;
  }

  /** The evaluator of stage {@code k}'s model. */
  FullRankingEvaluator evaluator(int k) {
    return evaluators.get(k);
  }

  /** The evaluator of the run's final model. */
  FullRankingEvaluator finalEvaluator() {
    return evaluators.get(evaluators.size() - 1);
  }

  /** Stage {@code k}'s outcome with the test metrics of its model (for stages before the last). */
  StageOutcome withStageTest(int k, StageOutcome outcome) {
    EvaluationResult stageTest = evaluator(k).evaluate(Split.TEST);
    log.info("stage '{}' test {}", outcome.name(), Experiment.format(stageTest));
    return outcome.withTest(stageTest.means());
  }

  /**
   * The final model's metrics.
   *
   * @param valid validation metrics
   * @param test test metrics
   * @param noiseAudit the audit of the denoiser's interaction scores, when there is one
   * @param startingPoint the metrics of the ranking the denoiser starts from, when it has one
   */
  record FinalMetrics(EvaluationResult valid, EvaluationResult test,
      Optional<NoiseAudit.Outcome> noiseAudit, Optional<StartingPoint.Metrics> startingPoint) {}

  /** Evaluates the final model on validation and test, the noise audit and the starting point. */
  FinalMetrics evaluateFinalModel(Session session) {
    EvaluationResult valid = finalEvaluator().evaluate(Split.VALID);
    EvaluationResult test = finalEvaluator().evaluate(Split.TEST);
    log.info("test {}", Experiment.format(test));
    Optional<NoiseAudit.Outcome> audited = audit.map(a -> a.audit(session, dataset));
    audited.ifPresent(a -> log.info("noise audit: {} scores separate {} clean from {} planted"
        + " train pairs with AUC {}", a.scorer(), a.clean(), a.planted(),
        String.format(Locale.ROOT, "%.4f", a.auc())));
    Optional<StartingPoint.Metrics> started = startingPoint.map(StartingPoint::evaluate);
    started.ifPresent(m -> log.info("the denoiser's starting point, not denoised: test {}",
        Experiment.format(m.test())));
    return new FinalMetrics(valid, test, audited, started);
  }
}
