package org.ddrm.baselines.denoise;

import org.ddrm.api.ModelGraph;
import org.ddrm.api.TrainingHook;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TInt32;

/**
 * The number of training steps taken before the current one (0 at the first step), fed into the
 * graph before every step. Schedules that depend on the iteration (T-CE's drop share, DeCA's
 * alternating objectives) read {@link #iteration()}; it is 0 wherever nothing feeds it (a loss
 * evaluated outside training). The count depends only on the steps run, so it is deterministic.
 */
final class IterationCounter implements TrainingHook {
  private final PlaceholderWithDefault<TInt32> iteration;
  private int taken;

  private IterationCounter(Ops tf) {
    this.iteration = tf.withName("iteration").placeholderWithDefault(tf.constant(0), Shape.scalar());
  }

  /** Adds the counter's input to the graph and registers it as a training hook. */
  static IterationCounter register(ModelGraph graph, Ops tf) {
    IterationCounter counter = new IterationCounter(tf);
    graph.addTrainingHook(counter);
    return counter;
  }

  /** The iteration as a graph scalar. */
  Operand<TInt32> iteration() {
    return iteration;
  }

  @Override
  public AutoCloseable feed(Session.Runner runner) {
    TInt32 value = TInt32.scalarOf(taken++);
    runner.feed(iteration, value);
    return value;
  }
}
