package org.ddrm.api.graph;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ddrm.api.TrainingHook;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Frozen copies of a user and an item table, held in variables of their own and taken at the
 * start of the first epoch of every stage (register it with
 * {@code ModelGraph.addTrainingHook}): the copy taken last before training is the one that
 * stays. The copies are saved with the run's checkpoints, so a resumed run keeps them. Nothing
 * trains them.
 */
public final class TableSnapshot implements TrainingHook {
  private final UserItemTables copies;
  private final List<Op> take;

  private TableSnapshot(UserItemTables copies, List<Op> take) {
    this.copies = copies;
    this.take = take;
  }

  /**
   * Adds the copies of {@code source} ([numUsers, dim] and [numItems, dim]) under the op scope
   * {@code tf}.
   */
  public static TableSnapshot of(Ops tf, UserItemTables source, int numUsers, int numItems,
      int dim) {
    Variable<TFloat32> users = tf.withName("user_embedding")
        .variable(tf.zeros(tf.constant(Shape.of(numUsers, dim)), TFloat32.class));
    Variable<TFloat32> items = tf.withName("item_embedding")
        .variable(tf.zeros(tf.constant(Shape.of(numItems, dim)), TFloat32.class));
    Ops copy = tf.withSubScope("copy");
    List<Op> take = List.of(copy.assign(users, copy.stopGradient(source.users())),
        copy.assign(items, copy.stopGradient(source.items())));
    return new TableSnapshot(new UserItemTables(tf.identity(users), tf.identity(items)), take);
  }

  /** The copies, as last taken (zeros before the first epoch). */
  public UserItemTables tables() {
    return copies;
  }

  @Override
  public void beforeEpoch(int epoch, Session session, RandomGenerator random) {
    if (epoch == 1) {
      Session.Runner runner = session.runner();
      take.forEach(runner::addTarget);
      runner.run();
    }
  }
}
