package org.ddrm.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
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
 * <p>{@link #splitClean} makes the clean split of the random-noise setting from the same cut.
 * {@link PreparedDirectory#write} stores a split with its id maps and statistics where
 * {@link SplitDirectory#load} finds it.
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
    RatingTable table = new RatingTable();
    for (Rating r : ratings) {
      table.add(Long.toString(r.user()), Long.toString(r.item()), r.rating(), r.timestamp());
    }
    return split(name, table).dataset();
  }

  /**
   * The natural-noise split of a rating table: false positives stay in train and valid, labelled
   * ({@link Dataset#trainNoiseLabels()}, {@link PreparedSplit#validNoiseLabels()}).
   */
  public PreparedSplit split(String name, RatingTable ratings) {
    return split(name, ratings, false);
  }

  /**
   * The clean split (the random-noise setting's base): the same chronological cut, with the
   * false positives dropped from every split; no noise labels.
   */
  public PreparedSplit splitClean(String name, RatingTable ratings) {
    return split(name, ratings, true);
  }

  private PreparedSplit split(String name, RatingTable ratings, boolean clean) {
    int[] order = ratings.chronologicalOrder();
    int n = order.length;
    int trainEnd = (int) Math.min(n, Math.round(n * trainShare));
    int validEnd = (int) Math.min(n, Math.round(n * (trainShare + validShare)));

    int[] users = filled(ratings.userCount());
    int[] items = filled(ratings.itemCount());
    List<String> userIds = new ArrayList<>();
    List<String> itemIds = new ArrayList<>();
    PairBuffer train = new PairBuffer(trainEnd);
    PairBuffer valid = new PairBuffer(validEnd - trainEnd);
    PairBuffer test = new PairBuffer(n - validEnd);
    boolean[] trainNoise = new boolean[trainEnd];
    boolean[] validNoise = new boolean[validEnd - trainEnd];
    int dropped = 0;
    for (int k = 0; k < n; k++) {
      int r = order[k];
      boolean positive = ratings.rating(r) >= threshold;
      if (!positive && (clean || k >= validEnd)) {
        dropped++;
        continue;
      }
      int user = dense(users, ratings.user(r), userIds, ratings::userId);
      int item = dense(items, ratings.item(r), itemIds, ratings::itemId);
      if (k < trainEnd) {
        trainNoise[train.size()] = !positive;
        train.add(user, item);
      } else if (k < validEnd) {
        validNoise[valid.size()] = !positive;
        valid.add(user, item);
      } else {
        test.add(user, item);
      }
    }
    Dataset dataset = Dataset.of(name, userIds.size(), itemIds.size(), train.toInteractions(),
        valid.toInteractions(), test.toInteractions());
    if (!clean) {
      dataset = dataset.withTrainNoiseLabels(Arrays.copyOf(trainNoise, train.size()));
    }
    log.info("{} split: {}; {} false positives {}", clean ? "clean" : "natural-noise", dataset,
        dropped, clean ? "dropped" : "dropped from test, "
            + (count(trainNoise) + count(validNoise)) + " kept in train and valid");
    return new PreparedSplit(dataset,
        clean ? Optional.empty() : Optional.of(Arrays.copyOf(validNoise, valid.size())),
        userIds, itemIds, clean,
        threshold);
  }

  private static int[] filled(int size) {
    int[] map = new int[size];
    Arrays.fill(map, -1);
    return map;
  }

  /** The dense id of {@code original} in {@code map}, numbering it next if it is new. */
  private static int dense(int[] map, int original, List<String> ids, IntFunction<String> name) {
    if (map[original] < 0) {
      map[original] = ids.size();
      ids.add(name.apply(original));
    }
    return map[original];
  }

  private static int count(boolean[] flags) {
    int c = 0;
    for (boolean b : flags) {
      c += b ? 1 : 0;
    }
    return c;
  }
}
