package org.ddrm.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.TrainingHook;
import org.ddrm.api.nn.OpSeed;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * The {@link ModelGraph} of one run: one graph, one op factory, one seed sequence (derived as
 * {@link SeedPolicy} says).
 */
public final class TfGraphContext implements ModelGraph {
  private final Graph graph;
  private final Ops tf;
  private final Dataset dataset;
  private final SplittableRandom seeds;
  private final List<TrainingHook> hooks = new ArrayList<>();
  private Operand<TInt64> stepKey;

  public TfGraphContext(Graph graph, Dataset dataset, long seed) {
    this(graph, Ops.create(graph), dataset, seed);
  }

  /** A context whose ops are built through {@code tf} (e.g. pinned to a device). */
  public TfGraphContext(Graph graph, Ops tf, Dataset dataset, long seed) {
    this.graph = graph;
    this.tf = tf;
    this.dataset = dataset;
    this.seeds = SeedPolicy.opSeeds(seed);
  }

  @Override
  public Graph graph() {
    return graph;
  }

  @Override
  public Ops tf() {
    return tf;
  }

  @Override
  public Dataset dataset() {
    return dataset;
  }

  @Override
  public synchronized long nextSeed() {
    return seeds.nextLong() & Long.MAX_VALUE;
  }

  /**
   * The step key of {@link OpSeed}s: a scalar fed before every training step with the epoch in
   * the high 32 bits and the batch in the low ones (0 when not fed, e.g. while evaluating). Made,
   * with its feeding hook, when the first op asks for it.
   */
  @Override
  public synchronized OpSeed nextOpSeed() {
    if (stepKey == null) {
      StepKeyHook hook = new StepKeyHook(tf.withName("step_key")
          .placeholderWithDefault(tf.constant(0L), Shape.scalar()));
      stepKey = hook.key();
      addTrainingHook(hook);
    }
    return new OpSeed(nextSeed(), stepKey);
  }

  @Override
  public void addTrainingHook(TrainingHook hook) {
    hooks.add(hook);
  }

  public List<TrainingHook> hooks() {
    return List.copyOf(hooks);
  }
}
