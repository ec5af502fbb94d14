package org.ddrm.core.train;

/** Stops the run at the first non-finite batch loss, naming the stage, epoch and batch. */
public final class NanGuard implements TrainingListener {
  @Override
  public void onBatch(String stage, int epoch, int batch, double loss) {
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException(
          "training diverged: " + stage + " loss is " + loss + " at epoch " + epoch + ", batch "
              + batch + " (try a smaller learning rate)");
    }
  }
}
