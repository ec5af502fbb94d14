package org.ddrm.core.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;

/**
 * Adam built from raw {@code ApplyAdam} ops, one per variable, with the bias-correction powers
 * updated after every variable's step (sequenced by control dependencies); no variable moves
 * before every gradient of the step is computed. With
 * {@code locking} the updates hold the variable's lock, which together with one intra-op thread
 * makes training bit-for-bit repeatable.
 */
public final class AdamOptimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final float learningRate;
  private final boolean locking;

  public AdamOptimizer(double learningRate, boolean locking) {
    this.learningRate = (float) learningRate;
    this.locking = locking;
  }

  /**
   * Adds the gradient and update ops that minimise {@code loss} over {@code variables} and returns
   * the op that runs one step.
   *
   * @param name a name scope for the optimiser's slots, unique in the graph
   */
  public Op minimize(Graph graph, Ops root, String name, Operand<TFloat32> loss,
      List<Variable<TFloat32>> variables) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("optimiser '" + name + "' has no variables to train");
    }
    Ops tf = root.withSubScope(name);
    Output<?>[] targets = new Output<?>[variables.size()];
    for (int k = 0; k < targets.length; k++) {
      targets[k] = variables.get(k).asOutput();
    }
    Output<?>[] gradients = graph.addGradients(loss.asOutput(), targets);
    Variable<TFloat32> beta1Power = tf.withName("beta1_power").variable(tf.constant(BETA1));
    Variable<TFloat32> beta2Power = tf.withName("beta2_power").variable(tf.constant(BETA2));
    Operand<TFloat32> lr = tf.constant(learningRate);
    Operand<TFloat32> beta1 = tf.constant(BETA1);
    Operand<TFloat32> beta2 = tf.constant(BETA2);
    Operand<TFloat32> epsilon = tf.constant(EPSILON);
    // Reads of a variable alias its buffer, which ApplyAdam updates in place: every update waits
    // for every gradient, or a gradient still to be computed could read an updated weight.
    List<Op> computed = new ArrayList<>();
    List<Operand<TFloat32>> gradientValues = new ArrayList<>();
    for (int k = 0; k < targets.length; k++) {
      if (gradients[k] == null) {
        throw new IllegalStateException("variable " + variables.get(k).op().name()
            + " does not influence the loss of '" + name + "'");
      }
      @SuppressWarnings("unchecked")
      Output<TFloat32> gradient = (Output<TFloat32>) gradients[k];
      Identity<TFloat32> value = tf.identity(gradient);
      computed.add(value);
      gradientValues.add(value);
    }
    Ops update = tf.withControlDependencies(computed);
    List<Op> updates = new ArrayList<>();
    for (int k = 0; k < targets.length; k++) {
      Variable<TFloat32> variable = variables.get(k);
      Operand<TFloat32> gradient = gradientValues.get(k);
      Operand<TFloat32> zeros =
          tf.zeros(tf.constant(variable.shape()), TFloat32.class);
      Variable<TFloat32> m = tf.variable(zeros);
      Variable<TFloat32> v = tf.variable(zeros);
      updates.add(
          update.train.applyAdam(
              variable, m, v, beta1Power, beta2Power, lr, beta1, beta2, epsilon, gradient,
              ApplyAdam.useLocking(locking)));
    }
    Ops after = tf.withControlDependencies(updates);
    Op powers1 = after.assign(beta1Power, after.math.mul(beta1Power, beta1));
    Op powers2 = after.assign(beta2Power, after.math.mul(beta2Power, beta2));
    return tf.withControlDependencies(List.of(powers1, powers2)).withName("step").noOp();
  }
}
