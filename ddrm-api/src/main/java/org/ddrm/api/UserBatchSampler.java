package org.ddrm.api;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.tensorflow.Session;

/**
 * Batches of whole users for interaction-vector models: every epoch visits each user with at
 * least one train item once, in an order shuffled with the loop's generator, and feeds each
 * batch's ids and dense train rows through {@link UserRows}.
 */
public final class UserBatchSampler implements BatchSource {
  private final UserItemMatrix train;
  private final UserRows inputs;
  private final int batchSize;
  private final int[] order;
  private int cursor;

  public UserBatchSampler(UserItemMatrix train, UserRows inputs, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    this.train = train;
    this.inputs = inputs;
    this.batchSize = batchSize;
    this.order = IntStream.range(0, train.numUsers()).filter(u -> train.degree(u) > 0).toArray();
    if (order.length == 0) {
      throw new IllegalArgumentException("no user has train items to learn from");
    }
    this.cursor = order.length;
  }

  @Override
  public int batchesPerEpoch() {
    return (order.length + batchSize - 1) / batchSize;
  }

  @Override
  public long examplesPerEpoch() {
    return order.length;
  }

  /** Shuffles the users (Fisher-Yates from ascending order, so only the generator decides). */
  @Override
  public void startEpoch(RandomGenerator random) {
    Arrays.sort(order);
    Permutations.shuffle(order, random);
    cursor = 0;
  }

  @Override
  public AutoCloseable feedNext(Session.Runner runner) {
    return inputs.feed(runner, train, nextUsers());
  }

  /** The users of the next batch (advances the epoch). */
  public int[] nextUsers() {
    if (cursor >= order.length) {
      throw new IllegalStateException("epoch exhausted: call startEpoch first");
    }
    int end = Math.min(cursor + batchSize, order.length);
    int[] batch = Arrays.copyOfRange(order, cursor, end);
    cursor = end;
    return batch;
  }
}
