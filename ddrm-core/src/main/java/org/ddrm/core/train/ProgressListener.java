package org.ddrm.core.train;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: on a terminal a progress bar per epoch (batches, loss, batches per
 * second, ETA); always one log line per epoch with loss, seconds and examples per second.
 */
public final class ProgressListener implements TrainingListener {
  private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

  private final boolean interactive;
  private final int maxEpochs;
  private ProgressBar bar;
  private double lossSum;

  /**
   * @param interactive draw a progress bar (only when a terminal is attached)
   * @param maxEpochs the epoch cap, shown as "epoch 3/1000"
   */
  public ProgressListener(boolean interactive, int maxEpochs) {
    this.interactive = interactive;
    this.maxEpochs = maxEpochs;
  }

  @Override
  public void onEpochStart(String stage, int epoch, int batches) {
    lossSum = 0;
    if (interactive) {
      bar = new ProgressBarBuilder()
          .setTaskName(stage + " " + epoch + "/" + maxEpochs)
          .setInitialMax(batches)
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(" steps", 1)
          .showSpeed()
          .setSpeedUnit(ChronoUnit.SECONDS)
          .clearDisplayOnFinish()
          .build();
    }
  }

  @Override
  public void onBatch(String stage, int epoch, int batch, double loss) {
    lossSum += loss;
    if (bar != null) {
      bar.step();
      bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / batch));
    }
  }

  @Override
  public EpochReport onEpochEnd(EpochReport report) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    log.info("{} epoch {}: loss {} in {} s ({} examples/s)", report.stage(), report.epoch(),
        String.format(Locale.ROOT, "%.5f", report.meanLoss()), String.format(Locale.ROOT, "%.2f", report.seconds()),
        String.format(Locale.ROOT, "%.0f", report.examples() / report.seconds()));
    return report;
  }

  @Override
  public void onTrainingEnd(String stage) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
