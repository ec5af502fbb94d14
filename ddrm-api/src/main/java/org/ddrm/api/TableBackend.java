package org.ddrm.api;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An embedding backend that is two trainable tables, users x d and items x d, used as they are
 * and regularised by BPR's L2 on the batch's user, positive and negative rows: MF-BPR's backend,
 * and a ready base for backends and tests that only need free embeddings.
 */
public final class TableBackend implements EmbeddingBackend {
  private final Ops tf;
  private final Variable<TFloat32> users;
  private final Variable<TFloat32> items;
  private final Operand<TFloat32> userView;
  private final Operand<TFloat32> itemView;
  private final int dim;
  private final float reg;

  /**
   * @param tf the op factory the regularisation is built with
   * @param users the user table, [numUsers, dim]
   * @param items the item table, [numItems, dim]
   * @param dim the embedding size
   * @param reg the L2 weight
   */
  public TableBackend(Ops tf, Variable<TFloat32> users, Variable<TFloat32> items, int dim,
      float reg) {
    this.tf = tf;
    this.users = users;
    this.items = items;
    // Variables are read through identity: some ops fed a variable directly crash addGradients.
    this.userView = tf.identity(users);
    this.itemView = tf.identity(items);
    this.dim = dim;
    this.reg = reg;
  }

  /**
   * A backend whose tables start from the given values, as variables {@code users} and
   * {@code items} in the scope of {@code tf}.
   */
  public static TableBackend startingFrom(Ops tf, float[][] users, float[][] items, float reg) {
    return new TableBackend(tf, tf.withName("users").variable(tf.constant(users)),
        tf.withName("items").variable(tf.constant(items)), users[0].length, reg);
  }

  @Override
  public Operand<TFloat32> userEmbeddings() {
    return userView;
  }

  @Override
  public Operand<TFloat32> itemEmbeddings() {
    return itemView;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public Operand<TFloat32> regularization(TripleBatch batch) {
    return RankingOps.l2(tf, reg, batch.users(),
        RankingOps.rows(tf, userView, batch.users()),
        RankingOps.rows(tf, itemView, batch.positives()),
        RankingOps.rows(tf, itemView, batch.negatives()));
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return List.of(users, items);
  }
}
