package org.ddrm.baselines.denoise;

import java.util.Optional;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DeCA's loss (Wang et al. 2022, "Learning Robust Recommenders through Cross-Model Agreement"),
 * as the authors' code computes it. The target model's prediction {@code f = sigmoid(<u, i>)} is
 * the posterior that a pair is truly positive; a prior model {@code g} (a small MF) is trained
 * with it; noise models give the probability of the observed label given the true one. For the
 * observed positive (u, i) and the sampled negative (u, j) of every triple, the loss is
 *
 * <pre>
 *   mean_B [KL(u, i) - LL+(u, i)] + mean_B [KL(u, j) - LL-(u, j)]
 *   KL  = alpha KL(g || f) + (1 - alpha) KL(f || g)      (Bernoulli KL)
 *   DP: LL+ = (1 - f) log h1            LL- = (1 - f) log(1 - h1) - C1 f
 *   DN: LL+ = f log h2 - C2 (1 - f)     LL- = f log(1 - h2)
 * </pre>
 *
 * h1 = P(observed 1 | true 0) (DP: false positives, no false negatives; C1 stands in for
 * {@code -log 0}), h2 = P(observed 1 | true 1) (DN: false negatives, no false positives; C2
 * likewise). Every {@code log x} is {@code log(x + 1e-5)} as in the reference.
 *
 * <p>With {@link DecaObjective#ALTERNATE} the step's iteration picks DP (even) or DN (odd); both
 * are in the graph and the other one is multiplied by 0, so its noise model gets a zero gradient
 * that step.
 */
final class DecaLoss {
  static final float LOG_EPSILON = 1e-5f;

  private final Ops tf;
  private final DecaModels models;
  private final Optional<Operand<TFloat32>> dpLoss;
  private final Optional<Operand<TFloat32>> dnLoss;
  private final Operand<TFloat32> loss;

  /**
   * @param scores the target model's (backend's) scores of the batch
   * @param iteration the training step, which picks the objective when alternating
   */
  DecaLoss(Ops tf, TripleBatch batch, TripleScores scores, Operand<TInt32> iteration,
      DecaObjective objective, DecaModels models, double alpha, double c1, double c2) {
    this.tf = tf;
    this.models = models;
    Operand<TFloat32> fPositive = tf.math.sigmoid(scores.positive());
    Operand<TFloat32> fNegative = tf.math.sigmoid(scores.negative());
    Operand<TFloat32> klPositive = agreement(
        models.prior().probability(batch.users(), batch.positives()), fPositive, alpha);
    Operand<TFloat32> klNegative = agreement(
        models.prior().probability(batch.users(), batch.negatives()), fNegative, alpha);
    this.dpLoss = models.falsePositive().map(h1 -> {
      Operand<TFloat32> h1Positive = h1.probability(batch.users(), batch.positives());
      Operand<TFloat32> h1Negative = h1.probability(batch.users(), batch.negatives());
      Operand<TFloat32> positiveLikelihood = tf.math.mul(oneMinus(fPositive), log(h1Positive));
      Operand<TFloat32> negativeLikelihood = tf.math.sub(
          tf.math.mul(oneMinus(fNegative), log(oneMinus(h1Negative))),
          tf.math.mul(tf.constant((float) c1), fNegative));
      return total(klPositive, positiveLikelihood, klNegative, negativeLikelihood);
    });
    this.dnLoss = models.truePositive().map(h2 -> {
      Operand<TFloat32> h2Positive = h2.probability(batch.users(), batch.positives());
      Operand<TFloat32> h2Negative = h2.probability(batch.users(), batch.negatives());
      Operand<TFloat32> positiveLikelihood = tf.math.sub(
          tf.math.mul(fPositive, log(h2Positive)),
          tf.math.mul(tf.constant((float) c2), oneMinus(fPositive)));
      Operand<TFloat32> negativeLikelihood = tf.math.mul(fNegative, log(oneMinus(h2Negative)));
      return total(klPositive, positiveLikelihood, klNegative, negativeLikelihood);
    });
    this.loss = switch (objective) {
      case DP -> dpLoss.orElseThrow();
      case DN -> dnLoss.orElseThrow();
      case ALTERNATE -> {
        Operand<TFloat32> dpStep = tf.dtypes.cast(
            tf.math.equal(tf.math.floorMod(iteration, tf.constant(2)), tf.constant(0)),
            TFloat32.class);
        yield tf.math.add(tf.math.mul(dpStep, dpLoss.orElseThrow()),
            tf.math.mul(oneMinus(dpStep), dnLoss.orElseThrow()));
      }
    };
  }

  private Operand<TFloat32> total(Operand<TFloat32> klPositive, Operand<TFloat32> positive,
      Operand<TFloat32> klNegative, Operand<TFloat32> negative) {
    return tf.math.add(
        tf.math.mean(tf.math.sub(klPositive, positive), tf.constant(0)),
        tf.math.mean(tf.math.sub(klNegative, negative), tf.constant(0)));
  }

  /** {@code alpha KL(g || f) + (1 - alpha) KL(f || g)} per pair. */
  private Operand<TFloat32> agreement(Operand<TFloat32> g, Operand<TFloat32> f, double alpha) {
    Operand<TFloat32> a = tf.constant((float) alpha);
    return tf.math.add(tf.math.mul(a, bernoulliKl(g, f)),
        tf.math.mul(tf.constant((float) (1 - alpha)), bernoulliKl(f, g)));
  }

  /** KL(Bernoulli(p) || Bernoulli(q)) element-wise, with the reference's guarded logarithm. */
  private Operand<TFloat32> bernoulliKl(Operand<TFloat32> p, Operand<TFloat32> q) {
    Operand<TFloat32> notP = oneMinus(p);
    return tf.math.add(
        tf.math.mul(p, tf.math.sub(log(p), log(q))),
        tf.math.mul(notP, tf.math.sub(log(notP), log(oneMinus(q)))));
  }

  private Operand<TFloat32> log(Operand<TFloat32> x) {
    return tf.math.log(tf.math.add(x, tf.constant(LOG_EPSILON)));
  }

  private Operand<TFloat32> oneMinus(Operand<TFloat32> x) {
    return tf.math.sub(tf.constant(1f), x);
  }

  /** The DP objective of the batch; only present when DP is used. */
  Optional<Operand<TFloat32>> dpLoss() {
    return dpLoss;
  }

  /** The DN objective of the batch; only present when DN is used. */
  Optional<Operand<TFloat32>> dnLoss() {
    return dnLoss;
  }

  /** The loss of the step (the objective the iteration picks), without regularisation. */
  Operand<TFloat32> loss() {
    return loss;
  }

}
