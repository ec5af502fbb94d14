package org.ddrm.eval.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.ddrm.api.Dataset;
import org.ddrm.api.Denoiser;
import org.ddrm.api.Interactions;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Did the denoiser find the noise? On data whose planted false positives are known (the synthetic
 * generator's labels, or injected random noise), scores every train interaction with the
 * denoiser's per-interaction score and reports the AUC of telling clean pairs from planted ones:
 * the probability that a random clean pair scores above a random planted pair (0.5 = blind,
 * 1 = perfect): the Mann-Whitney U statistic of the clean scores over the product of the group
 * sizes, with ties ranked by their average (they count half).
 */
public final class NoiseAudit {
  // Pairs per session run: bounded so that two 1000-wide denoiser MLPs stay well under 200 MB.
  private static final int BATCH = 8_192;

  private final Placeholder<TInt32> users;
  private final Placeholder<TInt32> items;
  private final Operand<TFloat32> scores;
  private final String scorer;

  private NoiseAudit(Placeholder<TInt32> users, Placeholder<TInt32> items,
      Operand<TFloat32> scores, String scorer) {
    this.users = users;
    this.items = items;
    this.scores = scores;
    this.scorer = scorer;
  }

  /**
   * The audit's ops, when the data set carries noise labels and the denoiser scores interactions;
   * build before the session initialises.
   */
  static Optional<NoiseAudit> create(Ops tf, Dataset dataset, Denoiser denoiser, String scorer) {
    if (dataset.trainNoiseLabels().isEmpty()) {
      return Optional.empty();
    }
    Ops audit = tf.withSubScope("noise_audit");
    Placeholder<TInt32> users = audit.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TInt32> items = audit.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    return denoiser.interactionScores(users, items)
        .map(scores -> new NoiseAudit(users, items, scores, scorer));
  }

  /** Scores every train pair and measures how well the scores separate clean from planted. */
  Outcome audit(Session session, Dataset dataset) {
    Interactions train = dataset.train();
    boolean[] planted = dataset.trainNoiseLabels().orElseThrow();
    float[] all = new float[train.size()];
    int[] u = train.users();
    int[] i = train.items();
    for (int from = 0; from < train.size(); from += BATCH) {
      int to = Math.min(from + BATCH, train.size());
      try (TInt32 batchUsers = TInt32.vectorOf(Arrays.copyOfRange(u, from, to));
          TInt32 batchItems = TInt32.vectorOf(Arrays.copyOfRange(i, from, to));
          org.tensorflow.Result result = session.runner().feed(users, batchUsers)
              .feed(items, batchItems).fetch(scores).run()) {
        TFloat32 values = (TFloat32) result.get(0);
        for (int k = from; k < to; k++) {
          all[k] = values.getFloat(k - from);
        }
      }
    }
    List<Double> clean = new ArrayList<>();
    List<Double> noisy = new ArrayList<>();
    for (int k = 0; k < all.length; k++) {
      (planted[k] ? noisy : clean).add((double) all[k]);
    }
    return new Outcome(scorer, auc(clean, noisy), clean.size(), noisy.size());
  }

  /** P(clean score > planted score) + 0.5 P(tie), from the rank sum of the clean scores. */
  static double auc(List<Double> clean, List<Double> planted) {
    if (clean.isEmpty() || planted.isEmpty()) {
      return Double.NaN;
    }
    double[] pooled = new double[clean.size() + planted.size()];
    for (int k = 0; k < clean.size(); k++) {
      pooled[k] = clean.get(k);
    }
    for (int k = 0; k < planted.size(); k++) {
      pooled[clean.size() + k] = planted.get(k);
    }
    double[] ranks = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE).rank(pooled);
    double cleanRankSum = 0;
    for (int k = 0; k < clean.size(); k++) {
      cleanRankSum += ranks[k];
    }
    double n = clean.size();
    double u = cleanRankSum - n * (n + 1) / 2;
    return u / (n * planted.size());
  }

  /**
   * The audit's outcome.
   *
   * @param scorer the denoiser whose scores were audited
   * @param auc probability that a clean train pair scores above a planted one
   * @param clean clean train pairs
   * @param planted planted false positives in train
   */
  public record Outcome(String scorer, double auc, int clean, int planted) {}
}
