package org.ddrm.testkit;

import org.ddrm.api.Dataset;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;

/**
 * The data every kit check trains on: the framework's embedded synthetic data set (taste
 * clusters, planted false positives) at a tiny size, so that a check takes about a second.
 */
public final class KitData {
  /** Users of the kit's data set. */
  public static final int USERS = 120;
  /** Items of the kit's data set. */
  public static final int ITEMS = 100;

  private static final Dataset DATASET =
      new SyntheticDataGenerator(SyntheticDataSpec.defaults().withSize(USERS, ITEMS)).generate();

  private KitData() {}

  /** The kit's data set (the same one in every check). */
  public static Dataset dataset() {
    return DATASET;
  }
}
