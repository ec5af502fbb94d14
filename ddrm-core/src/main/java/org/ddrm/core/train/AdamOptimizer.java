package org.ddrm.core.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ddrm.api.LossPart;
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
    return minimize(graph, root, name, List.of(new LossPart(loss, variables)));
  }

  /**
   * Adds one Adam per loss part (own moments and bias-correction powers; slots under
   * {@code name/part_K} when there are several) and returns the op that runs one step of all:
   * every gradient of every part is computed first, then the parts update; a part that shares a
   * variable with earlier parts waits for their updates, so a variable that several parts train
   * is written by one at a time, in the parts' order, while parts on disjoint variables update
   * side by side.
   *
   * @param name a name scope for the optimisers' slots, unique in the graph
   */
  public Op minimize(Graph graph, Ops root, String name, List<LossPart> parts) {
    Ops tf = root.withSubScope(name);
    List<List<Operand<TFloat32>>> gradients = new ArrayList<>();
    List<Op> computed = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      String part = parts.size() == 1 ? name : name + " part " + p;
      gradients.add(gradients(graph, tf, part, parts.get(p), computed));
    }
    // Reads of a variable alias its buffer, which ApplyAdam updates in place: every update waits
    // for every gradient, or a gradient still to be computed could read an updated weight.
    List<List<Op>> finished = new ArrayList<>();
    List<Op> all = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      List<Op> before = new ArrayList<>(computed);
      for (int q = 0; q < p; q++) {
        if (shareVariables(parts.get(q), parts.get(p))) {
          before.addAll(finished.get(q));
        }
      }
      Ops scope = parts.size() == 1 ? tf : tf.withSubScope("part_" + p);
      List<Op> end = update(scope.withControlDependencies(before), scope, parts.get(p),
          gradients.get(p));
      finished.add(end);
      all.addAll(end);
    }
    return tf.withControlDependencies(all).withName("step").noOp();
  }

  private static boolean shareVariables(LossPart a, LossPart b) {
    Set<String> names = new HashSet<>();
    a.variables().forEach(variable -> names.add(variable.op().name()));
    return b.variables().stream().anyMatch(variable -> names.contains(variable.op().name()));
  }

  /** The gradients of one part, each behind an identity op added to {@code computed}. */
  private static List<Operand<TFloat32>> gradients(Graph graph, Ops tf, String part,
      LossPart lossPart, List<Op> computed) {
    List<Variable<TFloat32>> variables = lossPart.variables();
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("optimiser '" + part + "' has no variables to train");
    }
    Output<?>[] targets = new Output<?>[variables.size()];
    for (int k = 0; k < targets.length; k++) {
      targets[k] = variables.get(k).asOutput();
    }
    Output<?>[] gradients = graph.addGradients(lossPart.loss().asOutput(), targets);
    List<Operand<TFloat32>> values = new ArrayList<>();
    for (int k = 0; k < targets.length; k++) {
      if (gradients[k] == null) {
        throw new IllegalStateException("variable " + variables.get(k).op().name()
            + " does not influence the loss of '" + part + "'");
      }
      @SuppressWarnings("unchecked")
      Output<TFloat32> gradient = (Output<TFloat32>) gradients[k];
      Identity<TFloat32> value = tf.identity(gradient);
      computed.add(value);
      values.add(value);
    }
    return values;
  }

  /**
   * One Adam step of the part's variables with its epsilon (slots and powers made in
   * {@code slots}, updates built in {@code update}); returns the ops after which the step is
   * complete.
   */
  private List<Op> update(Ops update, Ops slots, LossPart part,
      List<Operand<TFloat32>> gradients) {
    List<Variable<TFloat32>> variables = part.variables();
    Variable<TFloat32> beta1Power = slots.withName("beta1_power").variable(slots.constant(BETA1));
    Variable<TFloat32> beta2Power = slots.withName("beta2_power").variable(slots.constant(BETA2));
    Operand<TFloat32> lr = slots.constant(learningRate);
    Operand<TFloat32> beta1 = slots.constant(BETA1);
    Operand<TFloat32> beta2 = slots.constant(BETA2);
    Operand<TFloat32> epsilon = slots.constant((float) part.epsilon());
    List<Op> updates = new ArrayList<>();
    for (int k = 0; k < variables.size(); k++) {
      Variable<TFloat32> variable = variables.get(k);
      Operand<TFloat32> zeros = slots.zeros(slots.constant(variable.shape()), TFloat32.class);
      Variable<TFloat32> m = slots.variable(zeros);
      Variable<TFloat32> v = slots.variable(zeros);
      updates.add(update.train.applyAdam(variable, m, v, beta1Power, beta2Power, lr, beta1,
          beta2, epsilon, gradients.get(k), ApplyAdam.useLocking(locking)));
    }
    Ops after = slots.withControlDependencies(updates);
    return List.of(after.assign(beta1Power, after.math.mul(beta1Power, beta1)),
        after.assign(beta2Power, after.math.mul(beta2Power, beta2)));
  }
}
