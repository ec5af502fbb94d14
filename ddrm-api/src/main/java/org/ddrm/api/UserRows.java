package org.ddrm.api;

import java.util.List;
import org.ddrm.api.graph.SparseMatMulGradient;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The graph inputs of a batch of users for interaction-vector models (CDAE, MultiVAE, DiffRec):
 * the user ids [B] and their binary rows of a {@link UserItemMatrix} as a dense [B, numItems]
 * matrix. The rows are fed as their (row, item) entries and made dense inside the graph, so that
 * Java never holds a dense batch (at Amazon-book size one is 712 KB per user) and TensorFlow holds
 * it only while a step runs. A model whose first layer reads the rows multiplies them sparsely
 * instead ({@link #times}), which never makes the dense rows at all.
 *
 * @param users the user ids placeholder, int32 [B]
 * @param entries the (row, item) entries placeholder, int32 [nnz, 2]
 * @param rows the dense rows made from the entries, float32 [B, numItems]
 * @param numItems the width of a row
 */
public record UserRows(Operand<TInt32> users, Operand<TInt32> entries, Operand<TFloat32> rows,
    int numItems) {

  /** Adds the two placeholders and the dense rows under the given name prefix. */
  public static UserRows placeholders(Ops tf, String name, int numItems) {
    Placeholder<TInt32> users =
        tf.withName(name + "_users").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TInt32> entries = tf.withName(name + "_entries")
        .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 2)));
    Operand<TInt32> count = tf.slice(tf.shape(entries), tf.constant(new int[] {0}),
        tf.constant(new int[] {1}));
    Operand<TInt32> shape =
        tf.concat(List.of(tf.shape(users), tf.constant(new int[] {numItems})), tf.constant(0));
    Operand<TFloat32> rows = tf.withName(name + "_rows")
        .scatterNd(entries, tf.fill(count, tf.constant(1f)), shape);
    return new UserRows(users, entries, rows, numItems);
  }

  /** The batch row of every entry, int32 [nnz]. */
  public Operand<TInt32> entryRows(Ops tf) {
    return tf.reshape(tf.slice(entries, tf.constant(new int[] {0, 0}),
        tf.constant(new int[] {-1, 1})), tf.constant(new int[] {-1}));
  }

  /** One per entry, float32 [nnz]: the values of the binary rows. */
  public Operand<TFloat32> ones(Ops tf) {
    return tf.fill(tf.shape(entryRows(tf)), tf.constant(1f));
  }

  /**
   * The values of the L2-normalised rows, float32 [nnz]: {@code 1 / sqrt(d)} for an entry of a
   * row with d entries.
   */
  public Operand<TFloat32> l2NormalizedValues(Ops tf) {
    Operand<TInt32> rowOfEntry = entryRows(tf);
    Operand<TFloat32> counts = tf.math.unsortedSegmentSum(ones(tf), rowOfEntry, tf.size(users));
    return tf.math.rsqrt(tf.gather(counts, rowOfEntry, tf.constant(0)));
  }

  /**
   * {@code rows x weight} ([B, numItems] x [numItems, n]) where the entries hold {@code values}
   * ([nnz], e.g. {@link #ones}, scaled or dropped out) in place of the ones: a sparse product,
   * {@code nnz * n} multiply-adds instead of {@code B * numItems * n}. Registers the product's
   * gradient ({@link SparseMatMulGradient#ensureRegistered()}), so models train through it.
   */
  public Operand<TFloat32> times(Ops tf, Operand<TFloat32> values, Operand<TFloat32> weight) {
    SparseMatMulGradient.ensureRegistered();
    Operand<TInt64> shape = tf.dtypes.cast(tf.concat(
        List.of(tf.shape(users), tf.constant(new int[] {numItems})), tf.constant(0)),
        TInt64.class);
    return tf.sparse.sparseTensorDenseMatMul(tf.dtypes.cast(entries, TInt64.class), values, shape,
        weight);
  }

  /** The (row, item) entries of {@code users}' rows of {@code matrix}, [nnz, 2]. */
  public static TInt32 entries(UserItemMatrix matrix, int[] users) {
    int nnz = 0;
    for (int user : users) {
      nnz += matrix.degree(user);
    }
    int[] pairs = new int[2 * nnz];
    int e = 0;
    for (int row = 0; row < users.length; row++) {
      int user = users[row];
      for (int k = 0; k < matrix.degree(user); k++) {
        pairs[e++] = row;
        pairs[e++] = matrix.item(user, k);
      }
    }
    return TInt32.tensorOf(Shape.of(nnz, 2), DataBuffers.of(pairs, true, false));
  }

  /** Feeds the users and their rows of {@code matrix}; returns what to close after the run. */
  public AutoCloseable feed(Session.Runner runner, UserItemMatrix matrix, int[] batch) {
    if (matrix.numItems() != numItems) {
      throw new IllegalArgumentException(
          "rows of " + matrix.numItems() + " items fed to inputs of " + numItems);
    }
    TInt32 ids = TInt32.vectorOf(batch);
    TInt32 pairs = entries(matrix, batch);
    runner.feed(users, ids).feed(entries, pairs);
    return () -> {
      ids.close();
      pairs.close();
    };
  }
}
