package org.ddrm.baselines.denoise;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * R-CE's reweighted loss (Wang et al. 2021): each example's loss is multiplied by the model's own
 * probability of the example's label raised to {@code beta}, a weight treated as a constant (no
 * gradient flows through it), so large-loss examples count less.
 *
 * <p>{@link LossForm#BCE}: positive pairs weigh {@code sigmoid(<u, i>)^beta}, sampled negatives
 * {@code (1 - sigmoid(<u, j>))^beta}; the mean is over both. {@link LossForm#BPR}: a triple's BPR
 * loss {@code -log sigmoid(<u, i> - <u, j>)} weighs {@code sigmoid(<u, i> - <u, j>)^beta}, the
 * probability BPR gives the observed order.
 */
final class ReweightedLoss {
  private final Operand<TFloat32> positiveWeights;
  private final Operand<TFloat32> loss;

  ReweightedLoss(Ops tf, TripleScores scores, LossForm form, double beta) {
    Operand<TFloat32> exponent = tf.constant((float) beta);
    switch (form) {
      case BPR -> {
        Operand<TFloat32> margin = tf.math.sub(scores.positive(), scores.negative());
        this.positiveWeights = weight(tf, margin, exponent);
        this.loss = tf.math.mean(tf.math.mul(positiveWeights,
            tf.math.softplus(tf.math.neg(margin))), tf.constant(0));
      }
      case BCE -> {
        this.positiveWeights = weight(tf, scores.positive(), exponent);
        Operand<TFloat32> positives = tf.math.mul(positiveWeights,
            tf.math.softplus(tf.math.neg(scores.positive())));
        Operand<TFloat32> negatives = tf.math.mul(
            weight(tf, tf.math.neg(scores.negative()), exponent),
            tf.math.softplus(scores.negative()));
        this.loss = tf.math.mul(tf.constant(0.5f), tf.math.add(
            tf.math.mean(positives, tf.constant(0)), tf.math.mean(negatives, tf.constant(0))));
      }
      default -> throw new IllegalStateException("unknown loss form " + form);
    }
  }

  /** {@code sigmoid(logit)^beta}, detached from the gradient. */
  private static Operand<TFloat32> weight(Ops tf, Operand<TFloat32> logit,
      Operand<TFloat32> exponent) {
    return tf.stopGradient(tf.math.pow(tf.math.sigmoid(logit), exponent));
  }

  /** The weight of each triple (BPR) or of each positive pair (BCE), shape [B]. */
  Operand<TFloat32> positiveWeights() {
    return positiveWeights;
  }

  /** The batch's reweighted loss, without any regularisation. */
  Operand<TFloat32> loss() {
    return loss;
  }
}
