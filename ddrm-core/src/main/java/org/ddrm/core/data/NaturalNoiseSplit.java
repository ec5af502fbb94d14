package org.ddrm.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ddrm.api.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's natural-noise split of explicit ratings into implicit feedback (the ML-1M setting
 * of DiffRec and DDRM).
 *
 * <ol>
 *   <li>All ratings are sorted by timestamp (stable: ties keep their input order) and cut
 *       globally, in time order, into train, valid and test (7:1:2 by default).
 *   <li>Ratings at or above the threshold (default 4) are true positives; those below are false
 *       positives, kept in train and valid but dropped from test, which stays clean.
 *   <li>User and item ids are remapped densely from 0, in order of first appearance in the
 *       time-sorted ratings that are kept.
 *   <li>The data set carries, for every train pair, whether it is a false positive
 *       ({@link Dataset#trainNoiseLabels()}).
 * </ol>
 *
 * <p>{@link SplitDirectory#write} stores the result where {@link SplitDirectory#load} finds it.
 */
public final class NaturalNoiseSplit {
  /** Ratings at or above this value are true positives by default. */
  public static final double DEFAULT_THRESHOLD = 4.0;

  private static final Logger log = LoggerFactory.getLogger(NaturalNoiseSplit.class);

  private final double trainShare;
  private final double validShare;
  private final double threshold;

  /** The paper's split: 7:1:2, true positives from rating 4. */
  public NaturalNoiseSplit() {
    this(0.7, 0.1, DEFAULT_THRESHOLD);
  }

  /**
   * A split with the given shares of all ratings for train and valid (test gets the rest) and the
   * lowest rating that counts as a true positive.
   */
  public NaturalNoiseSplit(double trainShare, double validShare, double threshold) {
    if (!(trainShare > 0) || !(validShare >= 0) || !(trainShare + validShare <= 1)) {
      throw new IllegalArgumentException(
          "split shares must satisfy 0 < train, 0 <= valid, train + valid <= 1; got train "
              + trainShare + ", valid " + validShare);
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("rating threshold must be finite: " + threshold);
    }
    this.trainShare = trainShare;
    this.validShare = validShare;
    this.threshold = threshold;
  }

  public double trainShare() {
    return trainShare;
  }

  public double validShare() {
    return validShare;
  }

  public double threshold() {
    return threshold;
  }

  /** Splits the ratings into a data set of the given name. */
  public Dataset split(String name, List<Rating> ratings) {
    List<Rating> sorted = new ArrayList<>(ratings);
    sorted.sort(Comparator.comparingLong(Rating::timestamp)); // List.sort is stable
    int n = sorted.size();
    int trainEnd = (int) Math.min(n, Math.round(n * trainShare));
    int validEnd = (int) Math.min(n, Math.round(n * (trainShare + validShare)));

    Map<Long, Integer> users = new HashMap<>();
    Map<Long, Integer> items = new HashMap<>();
    PairBuffer train = new PairBuffer(trainEnd);
    PairBuffer valid = new PairBuffer(validEnd - trainEnd);
    PairBuffer test = new PairBuffer(n - validEnd);
    boolean[] noise = new boolean[trainEnd];
    int droppedFromTest = 0;
    for (int k = 0; k < n; k++) {
      Rating r = sorted.get(k);
      boolean positive = r.rating() >= threshold;
      if (k >= validEnd && !positive) {
        droppedFromTest++;
        continue;
      }
      int user = users.computeIfAbsent(r.user(), id -> users.size());
      int item = items.computeIfAbsent(r.item(), id -> items.size());
      if (k < trainEnd) {
        noise[k] = !positive;
        train.add(user, item);
      } else if (k < validEnd) {
        valid.add(user, item);
      } else {
        test.add(user, item);
      }
    }
    Dataset dataset = Dataset.of(
            name, users.size(), items.size(), train.toInteractions(), valid.toInteractions(),
            test.toInteractions())
        .withTrainNoiseLabels(noise);
    int noisyTrain = 0;
    for (boolean b : noise) {
      noisyTrain += b ? 1 : 0;
    }
    log.info("natural-noise split: {}; {} false positives in train, {} dropped from test",
        dataset, noisyTrain, droppedFromTest);
    return dataset;
  }
}
