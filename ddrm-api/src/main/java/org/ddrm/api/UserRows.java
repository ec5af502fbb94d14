package org.ddrm.api;

import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The graph inputs of a batch of users for interaction-vector models (CDAE, MultiVAE, DiffRec):
 * the user ids [B] and their binary rows of a {@link UserItemMatrix} as a dense [B, numItems]
 * matrix. Only one batch of rows is ever dense; the matrix itself stays sparse in Java.
 *
 * @param users the user ids placeholder, int32 [B]
 * @param rows the rows placeholder, float32 [B, numItems]
 * @param numItems the width of a row
 */
public record UserRows(Operand<TInt32> users, Operand<TFloat32> rows, int numItems) {

  /** Adds the two placeholders under the given name prefix. */
  public static UserRows placeholders(Ops tf, String name, int numItems) {
    return new UserRows(
        tf.withName(name + "_users").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))),
        tf.withName(name + "_rows")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, numItems))),
        numItems);
  }

  /** The rows of {@code users} as a dense [B, numItems] tensor of zeros and ones. */
  public static TFloat32 dense(UserItemMatrix matrix, int[] users) {
    int width = matrix.numItems();
    float[] values = new float[users.length * width];
    for (int row = 0; row < users.length; row++) {
      int user = users[row];
      for (int k = 0; k < matrix.degree(user); k++) {
        values[row * width + matrix.item(user, k)] = 1f;
      }
    }
    return TFloat32.tensorOf(Shape.of(users.length, width), DataBuffers.of(values, true, false));
  }

  /** Feeds the users and their rows of {@code matrix}; returns what to close after the run. */
  public AutoCloseable feed(Session.Runner runner, UserItemMatrix matrix, int[] batch) {
    if (matrix.numItems() != numItems) {
      throw new IllegalArgumentException(
          "rows of " + matrix.numItems() + " items fed to inputs of " + numItems);
    }
    TInt32 ids = TInt32.vectorOf(batch);
    TFloat32 values = dense(matrix, batch);
    runner.feed(users, ids).feed(rows, values);
    return () -> {
      ids.close();
      values.close();
    };
  }
}
