package org.ddrm.baselines.denoise;

import java.util.ArrayList;
import java.util.List;
import org.ddrm.testkit.KitGraph;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A graph holding fixed triple scores, for testing losses against closed forms. */
final class ScoreGraph implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final TripleScores scores;
  private Session session;

  ScoreGraph(float[] positive, float[] negative) {
    this.scores = new TripleScores(tf.constant(positive), tf.constant(negative));
  }

  /** Fetches the outputs, each flattened. */
  @SafeVarargs
  final List<float[]> fetch(Operand<TFloat32>... outputs) {
    if (session == null) {
      session = new Session(graph);
    }
    Session.Runner runner = session.runner();
    for (Operand<TFloat32> output : outputs) {
      runner.fetch(output);
    }
    try (Result result = runner.run()) {
      List<float[]> values = new ArrayList<>();
      for (int k = 0; k < outputs.length; k++) {
        values.add(KitGraph.flat((TFloat32) result.get(k)));
      }
      return values;
    }
  }

  /** The gradients of {@code loss} with respect to the positive and the negative scores. */
  List<float[]> gradients(Operand<TFloat32> loss) {
    Output<?>[] grads = graph.addGradients(loss.asOutput(),
        new Output<?>[] {scores.positive().asOutput(), scores.negative().asOutput()});
    @SuppressWarnings("unchecked")
    Operand<TFloat32> positive = (Output<TFloat32>) grads[0];
    @SuppressWarnings("unchecked")
    Operand<TFloat32> negative = (Output<TFloat32>) grads[1];
    return fetch(positive, negative);
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }

  static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
