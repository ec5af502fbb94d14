package org.ddrm.baselines.recommender;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ddrm.api.BatchSource;
import org.ddrm.api.Permutations;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;

/**
 * BPR triples as AdaGCL's code draws them: every train edge (user, item) once per epoch, in an
 * order shuffled with the loop's generator, each with a negative drawn uniformly from the items
 * the user has not interacted with in train. Edges of users who interacted with every item are
 * left out (they have no negative).
 */
final class EdgeTripleSampler implements BatchSource {
  private final UserItemMatrix train;
  private final TripleBatch inputs;
  private final int batchSize;
  private final int[] edgeUsers;
  private final int[] edgeItems;
  private final int[] order;
  private final int[] negatives;
  private int cursor;

  EdgeTripleSampler(UserItemMatrix train, TripleBatch inputs, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    this.train = train;
    this.inputs = inputs;
    this.batchSize = batchSize;
    int edges = 0;
    for (int u = 0; u < train.numUsers(); u++) {
      edges += train.degree(u) < train.numItems() ? train.degree(u) : 0;
    }
    if (edges == 0) {
      throw new IllegalArgumentException("no train edge has an unseen item to sample");
    }
    edgeUsers = new int[edges];
    edgeItems = new int[edges];
    int e = 0;
    for (int u = 0; u < train.numUsers(); u++) {
      for (int k = 0; train.degree(u) < train.numItems() && k < train.degree(u); k++) {
        edgeUsers[e] = u;
        edgeItems[e++] = train.item(u, k);
      }
    }
    order = new int[edges];
    negatives = new int[edges];
    cursor = edges;
  }

  /** Placeholders for the triples, [B] each, named under {@code tf}'s scope. */
  static TripleBatch placeholders(Ops tf) {
    return new TripleBatch(vector(tf, "users"), vector(tf, "positives"), vector(tf, "negatives"));
  }

  private static Placeholder<TInt32> vector(Ops tf, String name) {
    return tf.withName(name).placeholder(TInt32.class,
        Placeholder.shape(Shape.of(-1)));
  }

  @Override
  public int batchesPerEpoch() {
    return (order.length + batchSize - 1) / batchSize;
  }

  @Override
  public long examplesPerEpoch() {
    return order.length;
  }

  /** Shuffles the edges (Fisher-Yates from edge order) and draws one negative per edge. */
  @Override
  public void startEpoch(RandomGenerator random) {
    Arrays.setAll(order, k -> k);
    Permutations.shuffle(order, random);
    for (int k = 0; k < order.length; k++) {
      int user = edgeUsers[order[k]];
      int negative;
      do {
        negative = random.nextInt(train.numItems());
      } while (train.contains(user, negative));
      negatives[k] = negative;
    }
    cursor = 0;
  }

  @Override
  public AutoCloseable feedNext(Session.Runner runner) {
    if (cursor >= order.length) {
      throw new IllegalStateException("epoch exhausted: call startEpoch first");
    }
    int end = Math.min(cursor + batchSize, order.length);
    int[] users = new int[end - cursor];
    int[] items = new int[end - cursor];
    for (int k = cursor; k < end; k++) {
      users[k - cursor] = edgeUsers[order[k]];
      items[k - cursor] = edgeItems[order[k]];
    }
    TInt32 u = TInt32.vectorOf(users);
    TInt32 i = TInt32.vectorOf(items);
    TInt32 j = TInt32.vectorOf(Arrays.copyOfRange(negatives, cursor, end));
    cursor = end;
    runner.feed(inputs.users(), u).feed(inputs.positives(), i).feed(inputs.negatives(), j);
    return () -> {
      u.close();
      i.close();
      j.close();
    };
  }
}
