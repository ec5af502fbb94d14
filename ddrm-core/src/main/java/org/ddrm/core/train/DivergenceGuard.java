package org.ddrm.core.train;

import java.util.Locale;

/**
 * Stops a stage whose training diverges, naming the stage, epoch and batch: at the first
 * non-finite batch loss, and at the first batch loss more than {@value #GROWTH} times the size of
 * the stage's first batch loss (an exploding loss that is still finite, as a far too large
 * learning rate gives). A first loss below {@value #FLOOR} counts as {@value #FLOOR}, so that a
 * loss near zero may move without being called divergent.
 */
public final class DivergenceGuard implements TrainingListener {
  /** How many times the first batch loss a loss may reach before the stage counts as diverged. */
  static final double GROWTH = 1e3;
  /** The smallest first-loss size the growth is measured from. */
  static final double FLOOR = 1e-2;

  private double reference = Double.NaN;

  @Override
  public void onBatch(String stage, int epoch, int batch, double loss) {
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException(
          "training diverged: " + stage + " loss is " + loss + " at epoch " + epoch + ", batch "
              + batch + " (try a smaller learning rate)");
    }
    if (Double.isNaN(reference)) {
      reference = Math.max(Math.abs(loss), FLOOR);
      return;
    }
    if (Math.abs(loss) > GROWTH * reference) {
      throw new TrainingDivergedException(String.format(Locale.ROOT,
          "training diverged: %s loss grew to %.4g at epoch %d, batch %d, over %.0f times its"
              + " first batch's %.4g (try a smaller learning rate)",
          stage, loss, epoch, batch, GROWTH, reference));
    }
  }
}
