package org.ddrm.core.train;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates every {@code every} epochs, checkpoints the best epoch by one metric, stops after
 * {@code patience} validations without improvement (never before {@code minEpochs}), and restores
 * the best checkpoint when training ends. An improvement resets the count of misses; which
 * validations count as misses is the {@link MissCounting} rule.
 */
public final class EarlyStopping implements TrainingListener {
  private static final Logger log = LoggerFactory.getLogger(EarlyStopping.class);

  private final Supplier<Map<String, Double>> validator;
  private final String metric;
  private final int every;
  private final int patience;
  private final int minEpochs;
  private final Checkpoint checkpoint;
  private final MissCounting counting;
  private double best = Double.NEGATIVE_INFINITY;
  private int bestEpoch;
  private Map<String, Double> bestMetrics = Map.of();
  private int lastEpoch;
  private int misses;
  private boolean stop;

  /**
   * Which validations without improvement count towards {@code patience} (the setting
   * {@code denoise.count_misses}).
   */
  public enum MissCounting {
    /** Every one, from the first validation on (this framework's rule from the start). */
    ALWAYS,
    /**
     * Only those after epoch {@code minEpochs}, as the DDRM reference counts them: with
     * validation every 5 epochs and patience 6 a stage then runs at least {@code minEpochs + 30}
     * epochs.
     */
    AFTER_MIN_EPOCHS
  }

  public EarlyStopping(
      Supplier<Map<String, Double>> validator, String metric, int every, int patience,
      int minEpochs, Checkpoint checkpoint) {
    this(validator, metric, every, patience, minEpochs, MissCounting.ALWAYS, checkpoint);
  }

  public EarlyStopping(
      Supplier<Map<String, Double>> validator, String metric, int every, int patience,
      int minEpochs, MissCounting counting, Checkpoint checkpoint) {
    this.counting = counting;
    this.validator = validator;
    this.metric = metric;
    this.every = every;
    this.patience = patience;
    this.minEpochs = minEpochs;
    this.checkpoint = checkpoint;
  }

  @Override
  public EpochReport onEpochEnd(EpochReport report) {
    lastEpoch = report.epoch();
    if (every <= 0 || report.epoch() % every != 0) {
      return report;
    }
    Map<String, Double> metrics = validator.get();
    Double value = metrics.get(metric);
    if (value == null) {
      throw new IllegalArgumentException(
          "selection metric '" + metric + "' is not among the validation metrics " + metrics.keySet());
    }
    if (value > best) {
      best = value;
      bestEpoch = report.epoch();
      bestMetrics = Map.copyOf(metrics);
      misses = 0;
      checkpoint.save();
    } else if (counting == MissCounting.ALWAYS || report.epoch() > minEpochs) {
      misses++;
    }
    log.info("{} epoch {}: valid {} = {} (best {} at epoch {})", report.stage(), report.epoch(),
        metric, String.format(Locale.ROOT, "%.4f", value), String.format(Locale.ROOT, "%.4f", best), bestEpoch);
    stop = misses >= patience && report.epoch() >= minEpochs;
    return report.withValidation(metrics);
  }

  @Override
  public boolean stopRequested() {
    return stop;
  }

  @Override
  public void onTrainingEnd(String stage) {
    if (bestEpoch > 0) {
      checkpoint.restore();
      log.info("{}: restored the best checkpoint, epoch {} ({} = {})", stage, bestEpoch, metric,
          String.format(Locale.ROOT, "%.4f", best));
    }
  }

  /** The state after the last epoch, to resume from. */
  public State state() {
    return new State(best, bestEpoch, bestMetrics, lastEpoch, misses, stop);
  }

  /** Takes up the state of an interrupted run (its best checkpoint is still on disk). */
  public void restore(State state) {
    best = state.best();
    bestEpoch = state.bestEpoch();
    bestMetrics = Map.copyOf(state.bestMetrics());
    lastEpoch = state.lastEpoch();
    misses = state.misses();
    stop = state.stop();
  }

  /**
   * Early stopping's memory between epochs.
   *
   * @param best the best selection-metric value so far (negative infinity before any)
   * @param bestEpoch its epoch (0 before any)
   * @param bestMetrics the validation metrics of that epoch
   * @param lastEpoch the last epoch seen
   * @param misses validations without improvement since the best
   * @param stop whether stopping was decided
   */
  public record State(double best, int bestEpoch, Map<String, Double> bestMetrics, int lastEpoch,
      int misses, boolean stop) {}

  /** The selected epoch: the best validated one, or the last one when nothing was validated. */
  public int bestEpoch() {
    return bestEpoch > 0 ? bestEpoch : lastEpoch;
  }

  /** Validation metrics of the selected epoch (empty when nothing was validated). */
  public Map<String, Double> bestMetrics() {
    return bestMetrics;
  }
}
