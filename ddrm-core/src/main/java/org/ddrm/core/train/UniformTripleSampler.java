package org.ddrm.core.train;

import java.util.random.RandomGenerator;
import org.ddrm.api.BatchSource;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Session;
import org.tensorflow.types.TInt32;

/**
 * BPR triples: a user drawn uniformly from the users with train items, a positive drawn uniformly
 * from that user's train items, and a negative drawn uniformly from the items the user has NOT
 * interacted with in train. One epoch has as many triples as there are train pairs.
 */
public final class UniformTripleSampler implements BatchSource {
  private final UserItemMatrix train;
  private final TripleBatch inputs;
  private final int batchSize;
  private final int[] activeUsers;
  private final int examples;
  private int[] users = new int[0];
  private int[] positives = new int[0];
  private int[] negatives = new int[0];
  private int cursor;

  public UniformTripleSampler(UserItemMatrix train, TripleBatch inputs, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    this.train = train;
    this.inputs = inputs;
    this.batchSize = batchSize;
    this.activeUsers = java.util.stream.IntStream.range(0, train.numUsers())
        .filter(u -> train.degree(u) > 0 && train.degree(u) < train.numItems())
        .toArray();
    if (activeUsers.length == 0) {
      throw new IllegalArgumentException("no user has both train items and unseen items to sample");
    }
    this.examples = train.nnz();
  }

  @Override
  public int batchesPerEpoch() {
    return (examples + batchSize - 1) / batchSize;
  }

  @Override
  public long examplesPerEpoch() {
    return examples;
  }

  @Override
  public void startEpoch(RandomGenerator random) {
    users = new int[examples];
    positives = new int[examples];
    negatives = new int[examples];
    int numItems = train.numItems();
    for (int k = 0; k < examples; k++) {
      int user = activeUsers[random.nextInt(activeUsers.length)];
      users[k] = user;
      positives[k] = train.item(user, random.nextInt(train.degree(user)));
      int negative;
      do {
        negative = random.nextInt(numItems);
      } while (train.contains(user, negative));
      negatives[k] = negative;
    }
    cursor = 0;
  }

  @Override
  public AutoCloseable feedNext(Session.Runner runner) {
    if (cursor >= examples) {
      throw new IllegalStateException("epoch exhausted: call startEpoch first");
    }
    int end = Math.min(cursor + batchSize, examples);
    TInt32 u = TInt32.vectorOf(java.util.Arrays.copyOfRange(users, cursor, end));
    TInt32 p = TInt32.vectorOf(java.util.Arrays.copyOfRange(positives, cursor, end));
    TInt32 n = TInt32.vectorOf(java.util.Arrays.copyOfRange(negatives, cursor, end));
    cursor = end;
    runner.feed(inputs.users(), u).feed(inputs.positives(), p).feed(inputs.negatives(), n);
    return () -> {
      u.close();
      p.close();
      n.close();
    };
  }

  /** The triples of the current epoch from position {@code from} on, for tests. */
  int[][] triples() {
    return new int[][] {users.clone(), positives.clone(), negatives.clone()};
  }
}
