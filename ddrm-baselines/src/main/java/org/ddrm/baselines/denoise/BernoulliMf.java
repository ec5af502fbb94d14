package org.ddrm.baselines.denoise;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A small matrix factorisation that outputs a probability per (user, item) pair,
 * {@code sigmoid(<p_u, q_i>)}: DeCA's prior model and its two noise models. Tables start normal
 * with a given standard deviation, drawn by seeded ops.
 */
final class BernoulliMf implements PairModel {
  private final Ops tf;
  private final Variable<TFloat32> users;
  private final Variable<TFloat32> items;
  private final Operand<TFloat32> userView;
  private final Operand<TFloat32> itemView;

  BernoulliMf(ModelGraph graph, Ops root, String name, int dim, float initStd) {
    this.tf = root.withSubScope(name);
    this.users = tf.withName("user_embedding")
        .variable(normal(graph.dataset().numUsers(), dim, initStd, graph.nextSeed()));
    this.items = tf.withName("item_embedding")
        .variable(normal(graph.dataset().numItems(), dim, initStd, graph.nextSeed()));
    // Variables are read through identity: some ops fed a variable directly crash addGradients.
    this.userView = tf.identity(users);
    this.itemView = tf.identity(items);
  }

  private Operand<TFloat32> normal(int rows, int dim, float std, long seed) {
    return tf.math.mul(
        tf.random.randomStandardNormal(tf.constant(Shape.of(rows, dim)), TFloat32.class,
            RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed >>> 17)),
        tf.constant(std));
  }

  /** {@code sigmoid(<p_u, q_i>)} for parallel vectors of users and items, shape [B]. */
  @Override
  public Operand<TFloat32> probability(Operand<TInt32> userIds, Operand<TInt32> itemIds) {
    return PairModel.sigmoidOfDot(tf, userView, itemView, userIds, itemIds);
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return List.of(users, items);
  }
}
