package org.ddrm.core.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;

/**
 * Generates the framework's embedded data set, {@value #NAME}: implicit feedback with a learnable
 * latent structure and planted, labelled false positives.
 *
 * <p>Users and items get Gaussian taste vectors, items a log-normal popularity. A user's
 * preference over items is the softmax of {@code (taste_u . taste_i) / temperature + logPop_i};
 * the user's true positives (uniformly 20 to 80 by default) are drawn from it without replacement
 * and split at random 7:1:2 into train, valid and test. Train and valid then get planted false
 * positives drawn uniformly from the items the user does not truly like, so that they make up
 * {@code noiseRatio} of each split in expectation; test stays clean. Each user's pairs are listed
 * in ascending item order, so a pair's position does not give its label away. The labels of the
 * train pairs are kept ({@link Dataset#trainNoiseLabels()}).
 *
 * <p>Equal specs give identical data sets (same {@link Dataset#fingerprint()}) on any JVM: the
 * generator draws only from {@link SplittableRandom}s seeded with the spec's seed. The true
 * positives and the test split depend on the seed alone, not on the noise ratio, so specs that
 * differ only in {@code noiseRatio} give the same clean data with more or less noise on top.
 */
public final class SyntheticDataGenerator {
  /** The name of the generated data set. */
  public static final String NAME = "synthetic";

  private final SyntheticDataSpec spec;

  public SyntheticDataGenerator(SyntheticDataSpec spec) {
    this.spec = spec;
  }

  /** The default data set, {@link SyntheticDataSpec#defaults()}. */
  public static Dataset generateDefault() {
    return new SyntheticDataGenerator(SyntheticDataSpec.defaults()).generate();
  }

  public Dataset generate() {
    SplittableRandom root = new SplittableRandom(spec.seed());
    SplittableRandom random = root.split(); // tastes, true positives and their split
    SplittableRandom noiseRandom = root.split(); // planted false positives only
    int d = spec.latentDim();
    int numItems = spec.numItems();
    double[][] itemTaste = gaussianMatrix(random, numItems, d, 1.0);
    double[] itemLogPop = new double[numItems];
    for (int i = 0; i < numItems; i++) {
      itemLogPop[i] = spec.popularitySkew() * gaussian(random);
    }
    double userScale = 1.0 / Math.sqrt(d); // taste_u . taste_i has unit variance
    double odds = spec.noiseRatio() / (1 - spec.noiseRatio());

    int expected = spec.numUsers() * (spec.minPositives() + spec.maxPositives()) / 2;
    PairBuffer train = new PairBuffer((int) (expected * spec.trainShare() * (1 + odds)) + 16);
    PairBuffer valid = new PairBuffer((int) (expected * spec.validShare() * (1 + odds)) + 16);
    PairBuffer test = new PairBuffer(expected / 4 + 16);
    BitSet planted = new BitSet(); // positions of the planted train pairs

    double[] keys = new double[numItems];
    double[] sortedKeys = new double[numItems];
    boolean[] liked = new boolean[numItems];
    int[] others = new int[numItems];
    for (int u = 0; u < spec.numUsers(); u++) {
      double[] taste = gaussianVector(random, d, userScale);
      // Gumbel-top-k: the n largest perturbed logits are a draw without replacement
      // from the softmax of the logits.
      for (int i = 0; i < numItems; i++) {
        double logit = dot(taste, itemTaste[i]) / spec.temperature() + itemLogPop[i];
        keys[i] = logit - Math.log(-Math.log(openUnit(random)));
      }
      int n = spec.minPositives() + random.nextInt(spec.maxPositives() - spec.minPositives() + 1);
      System.arraycopy(keys, 0, sortedKeys, 0, numItems);
      Arrays.sort(sortedKeys);
      double cutoff = sortedKeys[numItems - n];
      int[] positives = new int[n];
      for (int i = 0, k = 0; i < numItems && k < n; i++) {
        if (keys[i] >= cutoff) {
          positives[k++] = i;
          liked[i] = true;
        }
      }
      shuffle(random, positives, n);
      int nTrain = (int) Math.round(n * spec.trainShare());
      int nValid = Math.min(n - nTrain, (int) Math.round(n * spec.validShare()));
      int trainNoise = stochasticRound(noiseRandom, nTrain * odds);
      int validNoise = stochasticRound(noiseRandom, nValid * odds);

      int candidates = 0;
      for (int i = 0; i < numItems; i++) {
        if (!liked[i]) {
          others[candidates++] = i;
        }
      }
      trainNoise = Math.min(trainNoise, candidates);
      validNoise = Math.min(validNoise, candidates - trainNoise);
      shuffle(noiseRandom, others, candidates, trainNoise + validNoise);

      addUser(train, u, positives, 0, nTrain, others, 0, trainNoise, planted);
      addUser(valid, u, positives, nTrain, nTrain + nValid, others, trainNoise,
          trainNoise + validNoise, new BitSet());
      addUser(test, u, positives, nTrain + nValid, n, others, 0, 0, new BitSet());
      for (int k = 0; k < n; k++) {
        liked[positives[k]] = false;
      }
    }
    boolean[] labels = new boolean[train.size()];
    planted.stream().forEach(k -> labels[k] = true);
    return Dataset.of(NAME, spec.numUsers(), numItems, train.toInteractions(),
            valid.toInteractions(), test.toInteractions())
        .withTrainNoiseLabels(labels);
  }

  /**
   * Adds one user's true positives {@code positives[from, to)} and planted items
   * {@code noise[noiseFrom, noiseTo)} in ascending item order, marking the positions of the
   * planted ones.
   */
  private static void addUser(PairBuffer pairs, int user, int[] positives, int from, int to,
      int[] noise, int noiseFrom, int noiseTo, BitSet planted) {
    int trueCount = to - from;
    int total = trueCount + noiseTo - noiseFrom;
    long[] entries = new long[total]; // item << 1 | planted
    for (int k = 0; k < trueCount; k++) {
      entries[k] = (long) positives[from + k] << 1;
    }
    for (int k = 0; k < noiseTo - noiseFrom; k++) {
      entries[trueCount + k] = ((long) noise[noiseFrom + k] << 1) | 1L;
    }
    Arrays.sort(entries);
    for (long entry : entries) {
      if ((entry & 1L) == 1L) {
        planted.set(pairs.size());
      }
      pairs.add(user, (int) (entry >>> 1));
    }
  }

  private static double[][] gaussianMatrix(SplittableRandom random, int rows, int cols,
      double scale) {
    double[][] m = new double[rows][];
    for (int r = 0; r < rows; r++) {
      m[r] = gaussianVector(random, cols, scale);
    }
    return m;
  }

  private static double[] gaussianVector(SplittableRandom random, int size, double scale) {
    double[] v = new double[size];
    for (int k = 0; k < size; k++) {
      v[k] = scale * gaussian(random);
    }
    return v;
  }

  /** A standard normal draw by Box-Muller, so that results do not depend on the JDK version. */
  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(openUnit(random))) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** Uniform in (0, 1). */
  private static double openUnit(SplittableRandom random) {
    double x;
    do {
      x = random.nextDouble();
    } while (x == 0.0);
    return x;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  private static int stochasticRound(SplittableRandom random, double x) {
    int floor = (int) Math.floor(x);
    return floor + (random.nextDouble() < x - floor ? 1 : 0);
  }

  /** Shuffles the first {@code size} entries (Fisher-Yates). */
  private static void shuffle(SplittableRandom random, int[] a, int size) {
    shuffle(random, a, size, size);
  }

  /** Puts a uniform random sample of {@code count} of the first {@code size} entries first. */
  private static void shuffle(SplittableRandom random, int[] a, int size, int count) {
    for (int k = 0; k < Math.min(count, size - 1); k++) {
      int j = k + random.nextInt(size - k);
      int t = a[k];
      a[k] = a[j];
      a[j] = t;
    }
  }
}
