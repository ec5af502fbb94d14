package org.ddrm.core.train;

import java.util.random.RandomGenerator;
import org.ddrm.api.TrainingHook;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TInt64;

/**
 * Feeds the step key of the run's random ops before every training step: {@code epoch << 32 |
 * batch}, so a step draws the same values whether or not the run was resumed before it.
 */
final class StepKeyHook implements TrainingHook {
  private final PlaceholderWithDefault<TInt64> key;
  private long epoch;
  private long batch;

  StepKeyHook(PlaceholderWithDefault<TInt64> key) {
    this.key = key;
  }

  Operand<TInt64> key() {
    return key;
  }

  @Override
  public void beforeEpoch(int epoch, Session session, RandomGenerator random) {
    this.epoch = epoch;
    this.batch = 0;
  }

  @Override
  public AutoCloseable feed(Session.Runner runner) {
    batch++;
    TInt64 value = TInt64.scalarOf(epoch << 32 | batch);
    runner.feed(key, value);
    return value::close;
  }
}
