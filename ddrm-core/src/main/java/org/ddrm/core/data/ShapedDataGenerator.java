package org.ddrm.core.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;

/**
 * Synthetic implicit feedback of any {@link SyntheticShape}, in time linear in the interactions
 * (Table 1's Amazon-book in seconds), with planted, labelled false positives.
 *
 * <p>Items get a power-law popularity (over a random ranking) and fall at random into taste
 * clusters; users get a power-law activity (true positives: {@code minPerUser} plus a share of the
 * rest proportional to it) and two favourite clusters. Each true positive is drawn without
 * replacement by popularity, from a favourite cluster with probability {@code affinity}, else
 * from all items. A user's true positives are split at random 7:1:2; train and valid then get
 * planted false positives drawn uniformly from the items the user does not like, making up
 * {@code noiseRatio} of them in expectation; test stays clean. Each user's pairs are listed in
 * ascending item order, so a position does not give a label away.
 */
public final class ShapedDataGenerator {
  private static final double TRAIN = 0.7;
  private static final double VALID = 0.1;

  private final SyntheticShape shape;

  public ShapedDataGenerator(SyntheticShape shape) {
    this.shape = shape;
  }

  /**
   * A generated data set with its labels.
   *
   * @param dataset pairs and train noise labels
   * @param validNoiseLabels which valid pairs were planted
   */
  public record Generated(Dataset dataset, boolean[] validNoiseLabels) {}

  public Generated generate() {
    SplittableRandom root = new SplittableRandom(shape.seed());
    SplittableRandom structure = root.split();
    SplittableRandom draws = root.split();
    SplittableRandom noise = root.split();
    int numItems = shape.items();
    int[] cluster = new int[numItems];
    double[] weight = powerLaw(structure, numItems, shape.popularitySkew());
    for (int i = 0; i < numItems; i++) {
      cluster[i] = structure.nextInt(shape.clusters());
    }
    Sampler global = Sampler.over(allItems(numItems), weight);
    Sampler[] byCluster = clusterSamplers(cluster, weight, shape.clusters());
    int[] positives = positivesPerUser(structure);

    long expected = shape.interactions();
    PairBuffer train = new PairBuffer((int) Math.min(Integer.MAX_VALUE - 16, expected * 3 / 4));
    PairBuffer valid = new PairBuffer((int) (expected / 8));
    PairBuffer test = new PairBuffer((int) (expected / 4));
    BitSet trainPlanted = new BitSet();
    BitSet validPlanted = new BitSet();
    double odds = shape.noiseRatio() / (1 - shape.noiseRatio());
    Set<Integer> liked = new HashSet<>();
    for (int u = 0; u < shape.users(); u++) {
      int n = positives[u];
      int[] favourite = {draws.nextInt(shape.clusters()), draws.nextInt(shape.clusters())};
      int[] items = new int[n];
      liked.clear();
      for (int k = 0; k < n; k++) {
        int item = -1;
        for (int attempt = 0; attempt < 32 && item < 0; attempt++) {
          Sampler from = draws.nextDouble() < shape.affinity()
              ? byCluster[favourite[draws.nextInt(2)]] : global;
          int candidate = from.draw(draws);
          if (candidate >= 0 && liked.add(candidate)) {
            item = candidate;
          }
        }
        while (item < 0) { // a crowded corner: any item not yet liked
          int candidate = draws.nextInt(numItems);
          item = liked.add(candidate) ? candidate : -1;
        }
        items[k] = item;
      }
      int nTrain = (int) Math.round(n * TRAIN);
      int nValid = Math.min(n - nTrain, (int) Math.round(n * VALID));
      int[] trainNoise = plant(noise, stochasticRound(noise, nTrain * odds), liked, numItems);
      int[] validNoise = plant(noise, stochasticRound(noise, nValid * odds), liked, numItems);
      addUser(train, u, items, 0, nTrain, trainNoise, trainPlanted);
      addUser(valid, u, items, nTrain, nTrain + nValid, validNoise, validPlanted);
      addUser(test, u, items, nTrain + nValid, n, new int[0], new BitSet());
    }
    boolean[] trainLabels = labels(trainPlanted, train.size());
    Dataset dataset = Dataset.of(shape.name(), shape.users(), numItems, train.toInteractions(),
            valid.toInteractions(), test.toInteractions())
        .withTrainNoiseLabels(trainLabels);
    return new Generated(dataset, labels(validPlanted, valid.size()));
  }

  /** True positives per user: the minimum plus a power-law share of the rest, summing to target. */
  private int[] positivesPerUser(SplittableRandom random) {
    int users = shape.users();
    double[] activity = powerLaw(random, users, shape.activitySkew());
    double total = 0;
    for (double a : activity) {
      total += a;
    }
    long rest = SyntheticShape.truePositives(shape.interactions(), shape.noiseRatio())
        - (long) users * shape.minPerUser();
    int cap = shape.items() / 2;
    int[] n = new int[users];
    for (int u = 0; u < users; u++) {
      n[u] = (int) Math.min(cap,
          shape.minPerUser() + stochasticRound(random, rest * activity[u] / total));
    }
    return n;
  }

  /** Weights r^-s over a random ranking of {@code size} entries. */
  private static double[] powerLaw(SplittableRandom random, int size, double skew) {
    int[] rank = allItems(size);
    for (int k = size - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      int t = rank[k];
      rank[k] = rank[j];
      rank[j] = t;
    }
    double[] weight = new double[size];
    for (int k = 0; k < size; k++) {
      weight[k] = Math.pow(rank[k] + 1, -skew);
    }
    return weight;
  }

  private static Sampler[] clusterSamplers(int[] cluster, double[] weight, int clusters) {
    int[] sizes = new int[clusters];
    for (int c : cluster) {
      sizes[c]++;
    }
    int[][] members = new int[clusters][];
    for (int c = 0; c < clusters; c++) {
      members[c] = new int[sizes[c]];
    }
    int[] filled = new int[clusters];
    for (int i = 0; i < cluster.length; i++) {
      members[cluster[i]][filled[cluster[i]]++] = i;
    }
    Sampler[] samplers = new Sampler[clusters];
    for (int c = 0; c < clusters; c++) {
      samplers[c] = Sampler.over(members[c], weight);
    }
    return samplers;
  }

  /** {@code count} distinct items the user does not like, uniformly; they join {@code liked}. */
  private static int[] plant(SplittableRandom random, int count, Set<Integer> liked, int items) {
    int room = items - liked.size();
    int[] planted = new int[Math.min(count, room)];
    for (int k = 0; k < planted.length; k++) {
      int candidate;
      do {
        candidate = random.nextInt(items);
      } while (!liked.add(candidate));
      planted[k] = candidate;
    }
    return planted;
  }

  /** Adds true positives {@code items[from, to)} and planted {@code noise}, by ascending item. */
  private static void addUser(PairBuffer pairs, int user, int[] items, int from, int to,
      int[] noise, BitSet planted) {
    long[] entries = new long[to - from + noise.length]; // item << 1 | planted
    for (int k = from; k < to; k++) {
      entries[k - from] = (long) items[k] << 1;
    }
    for (int k = 0; k < noise.length; k++) {
      entries[to - from + k] = ((long) noise[k] << 1) | 1L;
    }
    Arrays.sort(entries);
    for (long entry : entries) {
      if ((entry & 1L) == 1L) {
        planted.set(pairs.size());
      }
      pairs.add(user, (int) (entry >>> 1));
    }
  }

  private static boolean[] labels(BitSet planted, int size) {
    boolean[] labels = new boolean[size];
    planted.stream().forEach(k -> labels[k] = true);
    return labels;
  }

  private static int[] allItems(int size) {
    int[] all = new int[size];
    for (int k = 0; k < size; k++) {
      all[k] = k;
    }
    return all;
  }

  private static int stochasticRound(SplittableRandom random, double x) {
    int floor = (int) Math.floor(x);
    return floor + (random.nextDouble() < x - floor ? 1 : 0);
  }

  /** Draws entries with probability proportional to their weights (inverse CDF, binary search). */
  private record Sampler(int[] entries, double[] cumulative) {
    static Sampler over(int[] entries, double[] weight) {
      double[] cumulative = new double[entries.length];
      double sum = 0;
      for (int k = 0; k < entries.length; k++) {
        sum += weight[entries[k]];
        cumulative[k] = sum;
      }
      return new Sampler(entries, cumulative);
    }

    /** An entry, or -1 for an empty sampler. */
    int draw(SplittableRandom random) {
      if (entries.length == 0) {
        return -1;
      }
      double x = random.nextDouble() * cumulative[cumulative.length - 1];
      int k = Arrays.binarySearch(cumulative, x);
      k = k >= 0 ? k + 1 : -k - 1;
      return entries[Math.min(k, entries.length - 1)];
    }
  }
}
