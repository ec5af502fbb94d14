package org.ddrm.core.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ddrm.api.LossPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.ScatterSub;
import org.tensorflow.op.core.ScatterUpdate;
import org.tensorflow.op.core.Unique;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Adam built from raw {@code ApplyAdam} ops, one per variable, with the bias-correction powers
 * updated after every variable's step (sequenced by control dependencies); no variable moves
 * before every gradient of the step is computed. With
 * {@code locking} the updates hold the variable's lock, which together with one intra-op thread
 * makes training bit-for-bit repeatable.
 *
 * <p>The {@link Kind#LAZY_ADAM lazy} kind updates an embedding table only in the rows a step
 * gathers: the loss is differentiated by the gathered rows instead of the table, and those rows'
 * moments and values alone take Adam's step (rows gathered twice add their gradients first).
 * Rows a step does not touch keep their moments, where dense Adam would decay them and move the
 * row by its momentum. A variable the loss reads other than through row gathers (a dense layer,
 * a table multiplied whole) takes the dense step.
 */
public final class AdamOptimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final Logger log = LoggerFactory.getLogger(AdamOptimizer.class);
  private static final Set<String> GATHERS = Set.of("GatherV2", "Gather");

  /** Which update a step applies: {@code train.optimizer} / {@code denoise.optimizer}. */
  public enum Kind {
    /** Every row of every variable, every step (the reference's choice). */
    ADAM,
    /** Only the rows of an embedding table that a step gathers. */
    LAZY_ADAM;
  }

  private final float learningRate;
  private final boolean locking;
  private final Kind kind;

  public AdamOptimizer(double learningRate, boolean locking) {
    this(learningRate, locking, Kind.ADAM);
  }

  public AdamOptimizer(double learningRate, boolean locking, Kind kind) {
    this.learningRate = (float) learningRate;
    this.locking = locking;
    this.kind = kind;
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
    List<List<Gradient>> gradients = new ArrayList<>();
    List<Op> computed = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      String part = parts.size() == 1 ? name : name + " part " + p;
      gradients.add(gradients(graph, tf, part, parts.get(p), computed, kind == Kind.LAZY_ADAM));
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

  /** A variable's gradient: whole, or as the rows a step gathers. */
  private sealed interface Gradient {}

  /** The gradient of the whole variable. */
  private record Whole(Operand<TFloat32> value) implements Gradient {}

  /**
   * The gradient of the rows a step gathers from a table.
   *
   * @param indices the gathered rows, possibly repeated
   * @param values one gradient row per index
   */
  private record Rows(Operand<TInt64> indices, Operand<TFloat32> values) implements Gradient {}

  /**
   * The gradients of one part, each behind an identity op added to {@code computed}; with
   * {@code rows}, a table the loss reads only through row gathers gets its gathered rows'
   * gradients.
   */
  private static List<Gradient> gradients(Graph graph, Ops tf, String part, LossPart lossPart,
      List<Op> computed, boolean rows) {
    List<Variable<TFloat32>> variables = lossPart.variables();
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("optimiser '" + part + "' has no variables to train");
    }
    Set<GraphOperation> lossInputs = rows
        ? graph.subgraphTo(Set.of(lossPart.loss())) : Set.of();
    List<List<GraphOperation>> gathers = new ArrayList<>();
    List<Output<?>> targets = new ArrayList<>();
    for (Variable<TFloat32> variable : variables) {
      List<GraphOperation> found = rows ? rowGathers(variable, lossInputs) : List.of();
      gathers.add(found);
      if (found.isEmpty()) {
        targets.add(variable.asOutput());
      } else {
        found.forEach(gather -> targets.add(gather.output(0)));
      }
    }
    Output<?>[] all = graph.addGradients(lossPart.loss().asOutput(), targets.toArray(Output<?>[]::new));
    List<Gradient> values = new ArrayList<>();
    List<String> lazy = new ArrayList<>();
    int next = 0;
    for (int k = 0; k < variables.size(); k++) {
      Variable<TFloat32> variable = variables.get(k);
      if (gathers.get(k).isEmpty()) {
        Output<TFloat32> gradient = influencing(all[next++], variable, part);
        Identity<TFloat32> value = tf.identity(gradient);
        computed.add(value);
        values.add(new Whole(value));
        continue;
      }
      long dim = variable.shape().size(1);
      List<Operand<TInt64>> indices = new ArrayList<>();
      List<Operand<TFloat32>> rowGradients = new ArrayList<>();
      for (GraphOperation gather : gathers.get(k)) {
        Output<?> gradient = all[next++];
        if (gradient == null) {
          continue;
        }
        indices.add(tf.reshape(tf.dtypes.cast(gather.input(1), TInt64.class),
            tf.constant(new long[] {-1})));
        rowGradients.add(tf.reshape(gradient.expect(TFloat32.class),
            tf.constant(new long[] {-1, dim})));
      }
      if (indices.isEmpty()) {
        influencing(null, variable, part);
      }
      Identity<TInt64> rowIndices = tf.identity(joined(tf, indices));
      Identity<TFloat32> rowValues = tf.identity(joined(tf, rowGradients));
      computed.add(rowIndices);
      computed.add(rowValues);
      values.add(new Rows(rowIndices, rowValues));
      lazy.add(variable.op().name());
    }
    if (rows) {
      log.info("optimiser '{}': lazy Adam on the gathered rows of {}; dense Adam on the {} other"
          + " variable(s)", part, lazy.isEmpty() ? "no table" : String.join(", ", lazy),
          variables.size() - lazy.size());
    }
    return values;
  }

  /** The parts stacked along the first axis (Concat wants two or more). */
  private static <T extends TType> Operand<T> joined(Ops tf, List<Operand<T>> parts) {
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(0));
  }

  @SuppressWarnings("unchecked")
  private static Output<TFloat32> influencing(Output<?> gradient, Variable<TFloat32> variable,
      String part) {
    if (gradient == null) {
      throw new IllegalStateException("variable " + variable.op().name()
          + " does not influence the loss of '" + part + "'");
    }
    return (Output<TFloat32>) gradient;
  }

  /**
   * The ops that gather rows of {@code variable} (a 2-D table, read directly or through identity
   * ops) on the way to the loss, or none when the loss reads the variable in any other way.
   */
  private static List<GraphOperation> rowGathers(Variable<TFloat32> variable,
      Set<GraphOperation> lossInputs) {
    if (variable.shape().numDimensions() != 2 || variable.shape().size(1) < 1) {
      return List.of();
    }
    long dim = variable.shape().size(1);
    List<GraphOperation> gathers = new ArrayList<>();
    Deque<GraphOperation> reads = new ArrayDeque<>(List.of((GraphOperation) variable.op()));
    while (!reads.isEmpty()) {
      GraphOperation read = reads.pop();
      for (GraphOperation consumer : read.consumers(0)) {
        if (!lossInputs.contains(consumer)) {
          continue;
        }
        if (consumer.type().equals("Identity")) {
          reads.push(consumer);
        } else if (GATHERS.contains(consumer.type()) && consumer.input(0).op().equals(read)
            && gathersRows(consumer, dim)) {
          gathers.add(consumer);
        } else {
          return List.of();
        }
      }
    }
    return gathers;
  }

  /** Whether a gather's output is its indices' shape plus one table row (it gathers on axis 0). */
  private static boolean gathersRows(GraphOperation gather, long dim) {
    Shape out = gather.output(0).shape();
    Shape indices = gather.input(1).shape();
    return !out.isUnknown() && !indices.isUnknown()
        && out.numDimensions() == indices.numDimensions() + 1
        && out.size(out.numDimensions() - 1) == dim;
  }

  /**
   * One Adam step of the part's variables with its epsilon (slots and powers made in
   * {@code slots}, updates built in {@code update}); returns the ops after which the step is
   * complete.
   */
  private List<Op> update(Ops update, Ops slots, LossPart part, List<Gradient> gradients) {
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
      if (gradients.get(k) instanceof Rows rows) {
        updates.addAll(updateRows(update, variable, m, v, beta1Power, beta2Power, lr, epsilon,
            rows));
      } else {
        updates.add(update.train.applyAdam(variable, m, v, beta1Power, beta2Power, lr, beta1,
            beta2, epsilon, ((Whole) gradients.get(k)).value(), ApplyAdam.useLocking(locking)));
      }
    }
    Ops after = slots.withControlDependencies(updates);
    return List.of(after.assign(beta1Power, after.math.mul(beta1Power, beta1)),
        after.assign(beta2Power, after.math.mul(beta2Power, beta2)));
  }

  /**
   * ApplyAdam's step on the rows a step gathered (their gradients summed per row first):
   * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
   * {@code w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)}, scattered into the rows.
   */
  private List<Op> updateRows(Ops tf, Variable<TFloat32> variable, Variable<TFloat32> m,
      Variable<TFloat32> v, Operand<TFloat32> beta1Power, Operand<TFloat32> beta2Power,
      Operand<TFloat32> lr, Operand<TFloat32> epsilon, Rows rows) {
    Unique<TInt64, TInt32> unique =
        tf.unique(rows.indices(), tf.constant(new int[] {0}), TInt32.class);
    Operand<TInt64> touched = unique.y();
    Operand<TFloat32> g = tf.math.unsortedSegmentSum(rows.values(), unique.idx(),
        tf.size(touched, TInt32.class));
    Operand<TInt32> axis = tf.constant(0);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> mRows = tf.math.add(tf.math.mul(tf.constant(BETA1), tf.gather(m, touched, axis)),
        tf.math.mul(tf.constant(1 - BETA1), g));
    Operand<TFloat32> vRows = tf.math.add(tf.math.mul(tf.constant(BETA2), tf.gather(v, touched, axis)),
        tf.math.mul(tf.constant(1 - BETA2), tf.math.square(g)));
    Operand<TFloat32> step = tf.math.div(tf.math.mul(lr, tf.math.sqrt(tf.math.sub(one, beta2Power))),
        tf.math.sub(one, beta1Power));
    Operand<TFloat32> delta = tf.math.mul(step,
        tf.math.div(mRows, tf.math.add(tf.math.sqrt(vRows), epsilon)));
    return List.of(
        tf.scatterUpdate(m, touched, mRows, ScatterUpdate.useLocking(locking)),
        tf.scatterUpdate(v, touched, vRows, ScatterUpdate.useLocking(locking)),
        tf.scatterSub(variable, touched, delta, ScatterSub.useLocking(locking)));
  }
}
