package org.ddrm.core.data;

/**
 * The parameters of {@link SyntheticDataGenerator}.
 *
 * @param numUsers number of users
 * @param numItems number of items
 * @param latentDim dimension of the hidden user and item taste vectors
 * @param temperature softmax temperature of a user's preference over items; lower is more
 *     predictable
 * @param popularitySkew standard deviation of the items' log-popularity, added to every user's
 *     preference logits; 0 makes all items equally popular a priori
 * @param minPositives fewest true positives of a user (uniform between min and max)
 * @param maxPositives most true positives of a user
 * @param noiseRatio expected share of planted false positives among the train (and valid)
 *     pairs; test has none
 * @param trainShare share of each user's true positives that go to train
 * @param validShare share that go to valid; test gets the rest
 * @param seed random seed: equal specs give identical data sets
 */
public record SyntheticDataSpec(
    int numUsers,
    int numItems,
    int latentDim,
    double temperature,
    double popularitySkew,
    int minPositives,
    int maxPositives,
    double noiseRatio,
    double trainShare,
    double validShare,
    long seed) {

  public SyntheticDataSpec {
    require(numUsers > 0, "numUsers must be positive: " + numUsers);
    require(numItems > 1, "numItems must be at least 2: " + numItems);
    require(latentDim > 0, "latentDim must be positive: " + latentDim);
    require(temperature > 0 && Double.isFinite(temperature),
        "temperature must be positive: " + temperature);
    require(popularitySkew >= 0 && Double.isFinite(popularitySkew),
        "popularitySkew must be non-negative: " + popularitySkew);
    require(minPositives > 0 && minPositives <= maxPositives,
        "need 0 < minPositives <= maxPositives: " + minPositives + ", " + maxPositives);
    require(maxPositives < numItems,
        "maxPositives must be below numItems: " + maxPositives + " vs " + numItems);
    require(noiseRatio >= 0 && noiseRatio < 1, "noiseRatio must lie in [0, 1): " + noiseRatio);
    require(trainShare > 0 && validShare >= 0 && trainShare + validShare <= 1,
        "need 0 < trainShare, 0 <= validShare, trainShare + validShare <= 1: "
            + trainShare + ", " + validShare);
  }

  /**
   * The framework's default data set: 1,500 users, 1,000 items, 20 to 80 true positives per user
   * split 7:1:2, 20% planted false positives in train and valid, seed 42.
   */
  public static SyntheticDataSpec defaults() {
    return new SyntheticDataSpec(1500, 1000, 16, 0.4, 1.0, 20, 80, 0.2, 0.7, 0.1, 42L);
  }

  public SyntheticDataSpec withSeed(long newSeed) {
    return new SyntheticDataSpec(numUsers, numItems, latentDim, temperature, popularitySkew,
        minPositives, maxPositives, noiseRatio, trainShare, validShare, newSeed);
  }

  public SyntheticDataSpec withNoiseRatio(double newNoiseRatio) {
    return new SyntheticDataSpec(numUsers, numItems, latentDim, temperature, popularitySkew,
        minPositives, maxPositives, newNoiseRatio, trainShare, validShare, seed);
  }

  public SyntheticDataSpec withSize(int newNumUsers, int newNumItems) {
    return new SyntheticDataSpec(newNumUsers, newNumItems, latentDim, temperature,
        popularitySkew, minPositives, maxPositives, noiseRatio, trainShare, validShare, seed);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("synthetic data: " + message);
    }
  }
}
