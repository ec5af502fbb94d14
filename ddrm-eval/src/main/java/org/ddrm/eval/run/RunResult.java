package org.ddrm.eval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ddrm.core.evaluation.EvaluationResult;

/**
 * The outcome of one run.
 *
 * @param directory the run directory
 * @param stages the training stages in order
 * @param valid validation metrics of the final model
 * @param test test metrics of the final model
 * @param wallSeconds the whole run's wall time, summed over the invocations that ran it (an
 *     interrupted run counts its time before the interruption too)
 * @param noiseAudit how well the denoiser separates planted from clean train pairs, when the
 *     data set's planted pairs are known
 * @param startingPoint the metrics of the ranking the denoiser starts from, when it has one
 *     ({@link org.ddrm.api.Denoiser#startingScores})
 */
public record RunResult(
    Path directory, List<StageOutcome> stages, EvaluationResult valid, EvaluationResult test,
    double wallSeconds, Optional<NoiseAudit.Outcome> noiseAudit,
    Optional<StartingPoint.Metrics> startingPoint) {

  /** The final stage's selected epoch. */
  public int bestEpoch() {
    return stages.get(stages.size() - 1).bestEpoch();
  }
}
