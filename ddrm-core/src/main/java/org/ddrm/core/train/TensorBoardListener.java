package org.ddrm.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes each epoch of a stage to a TensorBoard event file: {@code STAGE/loss} (the epoch's mean
 * training loss), {@code STAGE/seconds_per_epoch} and, on validated epochs, {@code
 * STAGE/valid/METRIC} for every validation metric (in name order), at step = the stage's epoch. Place it after
 * the listener that validates, so that it sees the metrics.
 */
public final class TensorBoardListener implements TrainingListener {
  private final TensorBoardEvents events;

  public TensorBoardListener(TensorBoardEvents events) {
    this.events = events;
  }

  @Override
  public EpochReport onEpochEnd(EpochReport report) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(report.stage() + "/loss", report.meanLoss());
    values.put(report.stage() + "/seconds_per_epoch", report.seconds());
    new TreeMap<>(report.validation()).forEach((metric, value) ->
        values.put(report.stage() + "/valid/" + metric, value));
    events.scalars(report.epoch(), values);
    return report;
  }
}
