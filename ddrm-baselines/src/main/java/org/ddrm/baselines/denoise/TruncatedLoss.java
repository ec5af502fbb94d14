package org.ddrm.baselines.denoise;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * T-CE's truncated loss (Wang et al. 2021, "Denoising Implicit Feedback for Recommendation"):
 * in every batch the share {@code s(t) = dropRate * min(t, ramp) / ramp} of the positives with
 * the largest loss is left out, {@code t} being the iteration.
 *
 * <p>{@link LossForm#BPR}: the triples with the largest BPR loss are dropped and the mean is
 * over the rest. {@link LossForm#BCE}: the positives with the largest cross-entropy are dropped;
 * the mean is over the kept positives and all sampled negatives. The reference code counts its
 * share over positives and negatives together (with one negative per positive, its
 * {@code drop_rate} drops twice that share of positives); here the share is of the positives.
 */
final class TruncatedLoss {
  private final Operand<TFloat32> share;
  private final Operand<TInt32> kept;
  private final Operand<TFloat32> loss;

  TruncatedLoss(Ops tf, TripleScores scores, LossForm form, Operand<TInt32> iteration,
      double dropRate, int rampIterations) {
    this.share = dropShare(tf, iteration, dropRate, rampIterations);
    switch (form) {
      case BPR -> {
        Operand<TFloat32> kept = smallest(tf,
            tf.math.softplus(tf.math.sub(scores.negative(), scores.positive())), share);
        this.kept = tf.size(kept);
        this.loss = tf.math.mean(kept, tf.constant(0));
      }
      case BCE -> {
        Operand<TFloat32> positives = smallest(tf, tf.math.softplus(tf.math.neg(scores.positive())),
            share);
        Operand<TFloat32> negatives = tf.math.softplus(scores.negative());
        this.kept = tf.size(positives);
        Operand<TFloat32> sum = tf.math.add(tf.reduceSum(positives, tf.constant(0)),
            tf.reduceSum(negatives, tf.constant(0)));
        this.loss = tf.math.div(sum, tf.dtypes.cast(
            tf.math.add(this.kept, tf.size(negatives)), TFloat32.class));
      }
      default -> throw new IllegalStateException("unknown loss form " + form);
    }
  }

  /** {@code dropRate * min(iteration, ramp) / ramp}: linear from 0, then flat. */
  static Operand<TFloat32> dropShare(Ops tf, Operand<TInt32> iteration, double dropRate,
      int rampIterations) {
    Operand<TFloat32> progress = tf.math.div(
        tf.dtypes.cast(tf.math.minimum(iteration, tf.constant(rampIterations)), TFloat32.class),
        tf.constant((float) rampIterations));
    return tf.math.mul(progress, tf.constant((float) dropRate));
  }

  /**
   * The entries of {@code losses} without its {@code floor(share * n)} largest ones. The choice
   * is made on detached values; the gradient flows through the kept entries only.
   */
  private static Operand<TFloat32> smallest(Ops tf, Operand<TFloat32> losses,
      Operand<TFloat32> share) {
    Operand<TInt32> n = tf.size(losses);
    Operand<TInt32> dropped = tf.dtypes.cast(
        tf.math.floor(tf.math.mul(share, tf.dtypes.cast(n, TFloat32.class))), TInt32.class);
    Operand<TInt32> indices =
        tf.nn.topK(tf.math.neg(tf.stopGradient(losses)), tf.math.sub(n, dropped),
            new TopK.Options[] {TopK.sorted(false)}).indices();
    return tf.gather(losses, indices, tf.constant(0), Gather.batchDims(0L));
  }

  /** The current drop share, a scalar. */
  Operand<TFloat32> share() {
    return share;
  }

  /** How many positives (BCE) or triples (BPR) of the batch the loss keeps. */
  Operand<TInt32> kept() {
    return kept;
  }

  /** The batch's truncated loss, without any regularisation. */
  Operand<TFloat32> loss() {
    return loss;
  }
}
