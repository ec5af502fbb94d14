package org.ddrm.core.train;

/**
 * Behaviour around the training loop: progress, validation and early stopping, checkpoints,
 * divergence checks, curves. New behaviour is a new listener, not a new branch in the loop.
 */
public interface TrainingListener {
  default void onEpochStart(String stage, int epoch, int batches) {}

  /** After every step, with the batch's loss. */
  default void onBatch(String stage, int epoch, int batch, double loss) {}

  /**
   * After every epoch; returns the report, possibly enriched (validation metrics), that the
   * following listeners see.
   */
  default EpochReport onEpochEnd(EpochReport report) {
    return report;
  }

  /** Whether the loop should stop after the current epoch. */
  default boolean stopRequested() {
    return false;
  }

  /** Once, after the last epoch. */
  default void onTrainingEnd(String stage) {}
}
