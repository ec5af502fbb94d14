package org.ddrm.baselines.recommender;

import java.util.ArrayList;
import java.util.List;
import org.ddrm.api.BatchSource;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.UserBatchSampler;
import org.ddrm.api.UserItemMatrix;
import org.ddrm.api.UserRows;
import org.ddrm.api.nn.DenseLayer;
import org.ddrm.api.nn.SeededOps;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * CDAE's graph. For user u with train row y_u: {@code h = act(W1 dropout(y_u) + V_u + b1)}, the
 * corrupted row multiplied sparsely (dropout on its stored entries),
 * logits {@code W2 h + b2}; the loss is the sigmoid cross-entropy of the logits against y_u,
 * summed over all items and averaged over the batch (the full-row variant of RecBole's CDAE), plus
 * the L2 term. Scores are the logits of the uncorrupted train row.
 */
final class CdaeModel implements TrainableModel {
  private final Ops tf;
  private final UserItemMatrix train;
  private final UserRows scoringInputs;
  private final DenseLayer encoder;
  private final DenseLayer decoder;
  private final Variable<TFloat32> userNodes;
  private final Operand<TFloat32> userNodeView;
  private final Activation activation;
  private final Operand<TFloat32> loss;
  private final BatchSource batches;

  CdaeModel(ModelGraph graph, int dim, double corruption, Activation activation, double reg,
      int batchSize) {
    this.tf = graph.tf().withSubScope("cdae");
    this.train = graph.dataset().trainMatrix();
    this.activation = activation;
    int items = train.numItems();
    int users = train.numUsers();
    this.encoder = new DenseLayer(tf, "encoder", items, dim, graph::nextSeed);
    this.decoder = new DenseLayer(tf, "decoder", dim, items, graph::nextSeed);
    float nodeStd = (float) Math.sqrt(2.0 / (users + dim));
    this.userNodes = tf.withName("user_nodes")
        .variable(DenseLayer.normal(tf, Shape.of(users, dim), nodeStd, graph.nextSeed()));
    // Variables are read through identity: some ops fed a variable directly crash addGradients.
    this.userNodeView = tf.identity(userNodes);

    UserRows inputs = UserRows.placeholders(tf, "train", items);
    this.scoringInputs = UserRows.placeholders(tf, "scoring", items);
    Operand<TFloat32> corrupted = SeededOps.dropout(tf, inputs.ones(tf),
        tf.shape(inputs.entryRows(tf)), corruption, graph.nextOpSeed());
    Operand<TFloat32> nodes = RankingOps.rows(tf, userNodeView, inputs.users());
    Operand<TFloat32> logits = logits(inputs, corrupted, nodes);
    // Stable sigmoid cross-entropy: softplus(l) - l y.
    Operand<TFloat32> crossEntropy = tf.math.sub(tf.math.softplus(logits),
        tf.math.mul(logits, inputs.rows()));
    Operand<TFloat32> data = RowOps.mean(tf, RowOps.rowSums(tf, crossEntropy));
    Operand<TFloat32> total = data;
    if (reg > 0) {
      Operand<TFloat32> weights = tf.math.add(
          RowOps.squaredNorm(tf, encoder.weight()),
          RowOps.squaredNorm(tf, decoder.weight()));
      Operand<TFloat32> nodeNorms = RowOps.mean(tf, RowOps.rowSums(tf, tf.math.square(nodes)));
      total = tf.math.add(data,
          tf.math.mul(tf.constant((float) (reg / 2)), tf.math.add(weights, nodeNorms)));
    }
    this.loss = total;
    this.batches = new UserBatchSampler(train, inputs, batchSize);
  }

  /** The logits of the rows whose entries hold {@code values} (a sparse first product). */
  private Operand<TFloat32> logits(UserRows rows, Operand<TFloat32> values,
      Operand<TFloat32> nodes) {
    Operand<TFloat32> hidden =
        activation.apply(tf, tf.math.add(encoder.apply(tf, rows, values), nodes));
    return decoder.apply(tf, hidden);
  }

  @Override
  public Operand<TFloat32> loss() {
    return loss;
  }

  @Override
  public List<Variable<TFloat32>> trainableVariables() {
    List<Variable<TFloat32>> variables = new ArrayList<>(encoder.variables());
    variables.addAll(decoder.variables());
    variables.add(userNodes);
    return variables;
  }

  @Override
  public BatchSource batches() {
    return batches;
  }

  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    return logits(scoringInputs, scoringInputs.ones(tf),
        RankingOps.rows(tf, userNodeView, users));
  }

  @Override
  public AutoCloseable feedScoring(int[] users, Session.Runner runner) {
    return scoringInputs.feed(runner, train, users);
  }
}
