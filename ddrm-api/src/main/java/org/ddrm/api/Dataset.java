package org.ddrm.api;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A split implicit-feedback data set: train, validation and test pairs over dense user and item
 * ids, with per-user item lists. Where the data were generated or noised by the framework, the
 * labels of the planted false positives in train are kept ({@link #trainNoiseLabels()}).
 */
public final class Dataset {
  private final String name;
  private final int numUsers;
  private final int numItems;
  private final Interactions train;
  private final Interactions valid;
  private final Interactions test;
  private final boolean[] trainNoiseLabels;
  private UserItemMatrix trainMatrix;
  private UserItemMatrix validMatrix;
  private UserItemMatrix testMatrix;
  private String fingerprint;

  private Dataset(
      String name,
      int numUsers,
      int numItems,
      Interactions train,
      Interactions valid,
      Interactions test,
      boolean[] trainNoiseLabels) {
    this.name = name;
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.train = train;
    this.valid = valid;
    this.test = test;
    this.trainNoiseLabels = trainNoiseLabels;
  }

  /**
   * Builds a data set whose user and item counts are the largest ids seen in any split plus one.
   */
  public static Dataset of(String name, Interactions train, Interactions valid, Interactions test) {
    int users = Math.max(train.userBound(), Math.max(valid.userBound(), test.userBound()));
    int items = Math.max(train.itemBound(), Math.max(valid.itemBound(), test.itemBound()));
    return new Dataset(name, users, items, train, valid, test, null);
  }

  /** Builds a data set with explicit counts (ids must lie below them). */
  public static Dataset of(
      String name, int numUsers, int numItems, Interactions train, Interactions valid,
      Interactions test) {
    return new Dataset(name, numUsers, numItems, train, valid, test, null);
  }

  /**
   * Returns a copy that carries, for every train pair, whether it is a planted false positive.
   */
  public Dataset withTrainNoiseLabels(boolean[] labels) {
    if (labels.length != train.size()) {
      throw new IllegalArgumentException(
          "noise labels: " + labels.length + " labels for " + train.size() + " train pairs");
    }
    return new Dataset(name, numUsers, numItems, train, valid, test, labels.clone());
  }

  public String name() {
    return name;
  }

  public int numUsers() {
    return numUsers;
  }

  public int numItems() {
    return numItems;
  }

  public Interactions train() {
    return train;
  }

  public Interactions valid() {
    return valid;
  }

  public Interactions test() {
    return test;
  }

  /** For every train pair, whether it is a planted false positive, when known. */
  public Optional<boolean[]> trainNoiseLabels() {
    return Optional.ofNullable(trainNoiseLabels).map(boolean[]::clone);
  }

  public synchronized UserItemMatrix trainMatrix() {
    if (trainMatrix == null) {
      trainMatrix = UserItemMatrix.of(numUsers, numItems, train);
    }
    return trainMatrix;
  }

  public synchronized UserItemMatrix validMatrix() {
    if (validMatrix == null) {
      validMatrix = UserItemMatrix.of(numUsers, numItems, valid);
    }
    return validMatrix;
  }

  public synchronized UserItemMatrix testMatrix() {
    if (testMatrix == null) {
      testMatrix = UserItemMatrix.of(numUsers, numItems, test);
    }
    return testMatrix;
  }

  /** SHA-256 over the counts and the three pair lists, in order; stable across formats. */
  public synchronized String fingerprint() {
    if (fingerprint == null) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(ByteBuffer.allocate(8).putInt(numUsers).putInt(numItems).array());
        for (Interactions split : new Interactions[] {train, valid, test}) {
          ByteBuffer buffer = ByteBuffer.allocate(4 + 8 * split.size());
          buffer.putInt(split.size());
          for (int k = 0; k < split.size(); k++) {
            buffer.putInt(split.user(k)).putInt(split.item(k));
          }
          digest.update(buffer.array());
        }
        fingerprint = HexFormat.of().formatHex(digest.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
    return fingerprint;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, 
        "%s: %d users, %d items, %d train / %d valid / %d test pairs",
        name, numUsers, numItems, train.size(), valid.size(), test.size());
  }

}
