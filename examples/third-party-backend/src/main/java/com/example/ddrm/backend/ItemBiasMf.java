package com.example.ddrm.backend;

import java.util.List;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The graph part of {@code item-bias-mf}: tables [users | 1] and [items | bias]. */
final class ItemBiasMf implements EmbeddingBackend {
  private final Ops tf;
  private final Variable<TFloat32> users;
  private final Variable<TFloat32> items;
  private final Variable<TFloat32> bias;
  private final Operand<TFloat32> userEmbeddings;
  private final Operand<TFloat32> itemEmbeddings;
  private final int dim;
  private final float reg;

  ItemBiasMf(Ops tf, Variable<TFloat32> users, Variable<TFloat32> items,
      Variable<TFloat32> bias, int numUsers, int dim, float reg) {
    this.tf = tf;
    this.users = users;
    this.items = items;
    this.bias = bias;
    this.dim = dim;
    this.reg = reg;
    Operand<TFloat32> ones = tf.fill(tf.constant(new int[] {numUsers, 1}), tf.constant(1f));
    this.userEmbeddings = tf.concat(List.of(tf.identity(users), ones), tf.constant(1));
    this.itemEmbeddings = tf.concat(List.of(tf.identity(items), tf.identity(bias)), tf.constant(1));
  }

  @Override
  public Operand<TFloat32> userEmbeddings() {
    return userEmbeddings;
  }

  @Override
  public Operand<TFloat32> itemEmbeddings() {
    return itemEmbeddings;
  }

  @Override
  public int dimension() {
    return dim + 1;
  }

  /** {@code reg} times the squared norms of the batch's rows (biases included), per triple. */
  @Override
  public Operand<TFloat32> regularization(TripleBatch batch) {
    return RankingOps.l2(tf, reg, batch.users(),
        RankingOps.rows(tf, userEmbeddings, batch.users()),
        RankingOps.rows(tf, itemEmbeddings, batch.positives()),
        RankingOps.rows(tf, itemEmbeddings, batch.negatives()));
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return List.of(users, items, bias);
  }
}
