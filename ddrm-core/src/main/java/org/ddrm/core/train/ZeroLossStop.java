package org.ddrm.core.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a stage whose mean epoch loss has become exactly zero: nothing is left to learn, every
 * later epoch would repeat the same weights (DDRM's detached reweighting reaches this when every
 * sample weight underflows). The stage then ends as under early stopping, with the best
 * validated checkpoint.
 */
public final class ZeroLossStop implements TrainingListener {
  private static final Logger log = LoggerFactory.getLogger(ZeroLossStop.class);

  private boolean stop;

  @Override
  public EpochReport onEpochEnd(EpochReport report) {
    if (report.meanLoss() == 0.0 && !stop) {
      stop = true;
      log.warn("{} epoch {}: the training loss is exactly 0 (every sample's loss or weight"
          + " vanished); stopping the stage with its best checkpoint", report.stage(),
          report.epoch());
    }
    return report;
  }

  @Override
  public boolean stopRequested() {
    return stop;
  }
}
