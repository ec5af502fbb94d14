package org.ddrm.core.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.ddrm.api.BatchSource;
import org.ddrm.api.TrainableModel;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A test model whose scores are rows of a constant matrix; it records the user batches it was
 * asked to score and how many of its scoring feeds were closed.
 */
final class ConstantScoreModel implements TrainableModel {
  private final Ops tf;
  private final float[][] scores;
  final List<int[]> scoredBatches = new ArrayList<>();
  int closedFeeds;

  ConstantScoreModel(Ops tf, float[][] scores) {
    this.tf = tf;
    this.scores = scores;
  }

  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    return tf.gather(tf.constant(scores), users, tf.constant(0));
  }

  @Override
  public AutoCloseable feedScoring(int[] users, Session.Runner runner) {
    scoredBatches.add(users.clone());
    return () -> closedFeeds++;
  }

  @Override
  public Operand<TFloat32> loss() {
    throw new UnsupportedOperationException("the constant test model does not train");
  }

  @Override
  public List<Variable<TFloat32>> trainableVariables() {
    throw new UnsupportedOperationException("the constant test model does not train");
  }

  @Override
  public BatchSource batches() {
    throw new UnsupportedOperationException("the constant test model does not train");
  }
}
