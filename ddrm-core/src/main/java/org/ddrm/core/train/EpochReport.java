package org.ddrm.core.train;

import java.util.Map;

/**
 * What happened in one epoch.
 *
 * @param stage the stage's name ("backend", "denoiser", ...)
 * @param epoch 1-based epoch number
 * @param meanLoss mean training loss over the epoch's batches
 * @param seconds wall seconds of the epoch's training steps (validation excluded)
 * @param examples training examples in the epoch
 * @param validation validation metrics, empty when the epoch was not validated
 */
public record EpochReport(
    String stage, int epoch, double meanLoss, double seconds, long examples,
    Map<String, Double> validation) {

  public EpochReport withValidation(Map<String, Double> metrics) {
    return new EpochReport(stage, epoch, meanLoss, seconds, examples, Map.copyOf(metrics));
  }
}
