package org.ddrm.api.nn;

import org.ddrm.api.RankingOps;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * InfoNCE between two views' embeddings of the same nodes, as the graph contrastive models (SGL,
 * AdaGCL) use it. Rows are unit vectors (the caller L2-normalises them), so every logit is at most
 * {@code 1 / t} and the plain log-sum-exp is safe. Both losses are means over the anchors.
 */
public final class InfoNce {
  private InfoNce() {}

  /**
   * Mean over anchors n of {@code log sum_m exp(<a_n, c_m> / t) - <a_n, b_n> / t}: the candidates
   * c are the denominator's terms, which include the positive b_n (SGL).
   *
   * @param anchors [N, d], unit rows
   * @param positives [N, d], unit rows; row n is anchor n's positive
   * @param candidates [M, d], unit rows
   */
  public static Operand<TFloat32> loss(Ops tf, Operand<TFloat32> anchors,
      Operand<TFloat32> positives, Operand<TFloat32> candidates, double temperature) {
    Operand<TFloat32> scale = tf.constant((float) (1 / temperature));
    Operand<TFloat32> positive = tf.math.mul(RankingOps.dot(tf, anchors, positives), scale);
    Operand<TFloat32> total = tf.reduceSum(tf.math.exp(logits(tf, anchors, candidates, scale)),
        tf.constant(1));
    return tf.math.mean(tf.math.sub(tf.math.log(total), positive), tf.constant(0));
  }

  /**
   * Mean over anchors n of {@code -log(exp(s_nn) / sum_{m != n} exp(s_nm))} with
   * {@code s_nm = <a_n, b_m> / t}: every other row of the second view is a negative and the
   * positive is left out of the denominator (AdaGCL's code).
   *
   * @param anchors [N, d], unit rows
   * @param positives [N, d], unit rows; row n is anchor n's positive, the other rows its negatives
   */
  public static Operand<TFloat32> lossWithoutPositive(Ops tf, Operand<TFloat32> anchors,
      Operand<TFloat32> positives, double temperature) {
    Operand<TFloat32> scale = tf.constant((float) (1 / temperature));
    Operand<TFloat32> positive = tf.math.mul(RankingOps.dot(tf, anchors, positives), scale);
    Operand<TFloat32> total = tf.reduceSum(tf.math.exp(logits(tf, anchors, positives, scale)),
        tf.constant(1));
    Operand<TFloat32> negatives = tf.math.sub(total, tf.math.exp(positive));
    return tf.math.mean(tf.math.sub(tf.math.log(negatives), positive), tf.constant(0));
  }

  private static Operand<TFloat32> logits(Ops tf, Operand<TFloat32> anchors,
      Operand<TFloat32> candidates, Operand<TFloat32> scale) {
    return tf.math.mul(RankingOps.innerProductScores(tf, anchors, candidates), scale);
  }
}
