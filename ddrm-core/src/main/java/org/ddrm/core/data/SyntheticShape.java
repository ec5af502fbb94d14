package org.ddrm.core.data;

import java.util.Locale;

/**
 * The shape of a {@link ShapedDataGenerator} data set: size, how skewed item popularity and user
 * activity are, how much planted noise, and how strongly users keep to their tastes.
 *
 * @param name the data set's name
 * @param users number of users (every one gets interactions)
 * @param items number of items (the id space; the least popular may go unused)
 * @param interactions target train + valid + test pairs, planted false positives included
 * @param popularitySkew exponent s of item popularity, weight of the item of rank r ~ r^-s
 *     (0: uniform)
 * @param activitySkew exponent of user activity, likewise over user ranks (0: equal)
 * @param noiseRatio expected share of planted false positives in train and valid; test clean
 * @param minPerUser fewest true positives of a user
 * @param clusters number of taste clusters the items fall into
 * @param affinity share of a user's true positives drawn from the user's two favourite clusters
 *     (the rest by global popularity)
 * @param seed random seed: equal shapes give identical data sets
 */
public record SyntheticShape(String name, int users, int items, long interactions,
    double popularitySkew, double activitySkew, double noiseRatio, int minPerUser, int clusters,
    double affinity, long seed) {

  public SyntheticShape {
    require(users > 0 && items > 1, "need users > 0 and items > 1: " + users + ", " + items);
    require(popularitySkew >= 0 && activitySkew >= 0 && Double.isFinite(popularitySkew)
            && Double.isFinite(activitySkew),
        "skews must be finite and non-negative: " + popularitySkew + ", " + activitySkew);
    require(noiseRatio >= 0 && noiseRatio < 1, "noise ratio must lie in [0, 1): " + noiseRatio);
    require(minPerUser >= 1 && minPerUser < items / 2,
        "minPerUser must lie in [1, items / 2): " + minPerUser);
    require(clusters >= 1 && clusters <= items, "clusters must lie in [1, items]: " + clusters);
    require(affinity >= 0 && affinity <= 1, "affinity must lie in [0, 1]: " + affinity);
    require(truePositives(interactions, noiseRatio) >= (long) users * minPerUser,
        String.format(Locale.ROOT, "%,d interactions cannot give %,d users %d true positives"
            + " each at noise ratio %s", interactions, users, minPerUser, noiseRatio));
  }

  /** Table 1's Yelp: 54,574 users, 77,405 items, 1,471,675 interactions. */
  public static SyntheticShape yelp() {
    return preset("yelp", 54_574, 77_405, 1_471_675L);
  }

  /** Table 1's Amazon-book: 108,822 users, 178,181 items, 3,145,223 interactions. */
  public static SyntheticShape amazonBook() {
    return preset("amazon-book", 108_822, 178_181, 3_145_223L);
  }

  /** {@code yelp} or {@code amazon-book}. */
  public static SyntheticShape preset(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "yelp" -> yelp();
      case "amazon-book", "amazon" -> amazonBook();
      default -> throw new IllegalArgumentException(
          "unknown preset '" + name + "': use yelp or amazon-book");
    };
  }

  private static SyntheticShape preset(String name, int users, int items, long interactions) {
    return new SyntheticShape(name, users, items, interactions, 0.75, 0.5, 0.2, 10, 64, 0.8,
        2024L);
  }

  /** The true positives behind {@code interactions}: planted ones are added to 80% of them. */
  static long truePositives(long interactions, double noiseRatio) {
    double odds = noiseRatio / (1 - noiseRatio);
    return Math.round(interactions / (1 + 0.8 * odds));
  }

  public SyntheticShape withSize(int newUsers, int newItems, long newInteractions) {
    return new SyntheticShape(name, newUsers, newItems, newInteractions, popularitySkew,
        activitySkew, noiseRatio, minPerUser, clusters, affinity, seed);
  }

  public SyntheticShape withSkews(double newPopularitySkew, double newActivitySkew) {
    return new SyntheticShape(name, users, items, interactions, newPopularitySkew,
        newActivitySkew, noiseRatio, minPerUser, clusters, affinity, seed);
  }

  public SyntheticShape withNoiseRatio(double newNoiseRatio) {
    return new SyntheticShape(name, users, items, interactions, popularitySkew, activitySkew,
        newNoiseRatio, minPerUser, clusters, affinity, seed);
  }

  public SyntheticShape withSeed(long newSeed) {
    return new SyntheticShape(name, users, items, interactions, popularitySkew, activitySkew,
        noiseRatio, minPerUser, clusters, affinity, newSeed);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("synthetic shape: " + message);
    }
  }
}
