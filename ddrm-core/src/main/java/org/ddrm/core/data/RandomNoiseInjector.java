package org.ddrm.core.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;

/**
 * The paper's random-noise setting: adds randomly drawn unobserved (user, item) pairs to train and
 * valid so that a share {@code ratio} of each is planted noise (as {@code data.synthetic.noise_ratio}
 * counts it: {@code ratio / (1 - ratio)} planted pairs per original pair), leaving test untouched.
 * A planted pair's user is the user of a uniformly drawn original pair of the split (so noise
 * follows activity) and its item is uniform among the items that user has in no split and was not
 * given already. The planted train pairs are labelled ({@link Dataset#trainNoiseLabels()}).
 */
public final class RandomNoiseInjector {
  private RandomNoiseInjector() {}

  /** Returns {@code dataset} with planted pairs appended to train and valid. */
  public static Dataset inject(Dataset dataset, double ratio, long seed) {
    if (!(ratio >= 0 && ratio < 1)) {
      throw new IllegalArgumentException(
          "data.inject_noise_ratio must lie in [0, 1), got " + ratio);
    }
    if (ratio == 0) {
      return dataset;
    }
    int numItems = dataset.numItems();
    Set<Long> taken = new HashSet<>();
    for (Interactions split : new Interactions[] {dataset.train(), dataset.valid(), dataset.test()}) {
      for (int k = 0; k < split.size(); k++) {
        taken.add(key(split.user(k), split.item(k), numItems));
      }
    }
    SplittableRandom root = new SplittableRandom(seed);
    double odds = ratio / (1 - ratio);
    Interactions train = plant(dataset.train(), odds, numItems, taken, root.split());
    Interactions valid = plant(dataset.valid(), odds, numItems, taken, root.split());
    int original = dataset.train().size();
    boolean[] labels = new boolean[train.size()];
    dataset.trainNoiseLabels().ifPresent(l -> System.arraycopy(l, 0, labels, 0, original));
    Arrays.fill(labels, original, labels.length, true);
    return Dataset.of(dataset.name() + "+random-noise-" + ratio, dataset.numUsers(), numItems,
        train, valid, dataset.test()).withTrainNoiseLabels(labels);
  }

  private static Interactions plant(Interactions split, double odds, int numItems,
      Set<Long> taken, SplittableRandom random) {
    int n = split.size();
    int planted = (int) Math.round(n * odds);
    int[] users = Arrays.copyOf(split.users(), n + planted);
    int[] items = Arrays.copyOf(split.items(), n + planted);
    long attempts = 0;
    long limit = 1000L * planted + 1000;
    for (int k = n; k < n + planted; ) {
      if (++attempts > limit) {
        throw new IllegalArgumentException("data.inject_noise_ratio: cannot find " + planted
            + " unobserved pairs to plant; the data set is too dense for this ratio");
      }
      int user = split.user(random.nextInt(n));
      int item = random.nextInt(numItems);
      if (taken.add(key(user, item, numItems))) {
        users[k] = user;
        items[k] = item;
        k++;
      }
    }
    return Interactions.wrap(users, items);
  }

  private static long key(int user, int item, int numItems) {
    return (long) user * numItems + item;
  }
}
