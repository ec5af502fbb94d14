package org.ddrm.baselines.recommender;

import org.ddrm.api.ModelGraph;
import org.ddrm.api.UserItemMatrix;
import org.ddrm.api.UserRows;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * An item-to-item model (ItemKNN, EASE): a user's scores are their binary train row times an
 * [items, items] weight matrix, {@code x_u W}. The weights are a variable initialised with the
 * given graph computation, so they are computed once, when the session initialises.
 */
final class ItemToItemModel extends OnePassModel {
  private final Ops tf;
  private final UserItemMatrix train;
  private final Variable<TFloat32> weights;
  private final UserRows scoringInputs;

  ItemToItemModel(ModelGraph graph, String name, Operand<TFloat32> weights) {
    super(name);
    this.tf = graph.tf().withSubScope(name);
    this.train = graph.dataset().trainMatrix();
    this.weights = tf.withName("item_weights").variable(weights);
    this.scoringInputs = UserRows.placeholders(tf, "scoring", train.numItems());
  }

  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    return tf.linalg.matMul(scoringInputs.rows(), weights);
  }

  @Override
  public AutoCloseable feedScoring(int[] users, Session.Runner runner) {
    return scoringInputs.feed(runner, train, users);
  }
}
