package org.ddrm.api;

import java.util.random.RandomGenerator;
import org.tensorflow.Session;

/**
 * A per-epoch or per-step action a model needs besides its batches, such as re-drawing SGL's
 * augmented graph views each epoch. Hooks run on the training thread.
 */
public interface TrainingHook {
  /** Called before each epoch with the run's Java-side random generator. */
  default void beforeEpoch(int epoch, Session session, RandomGenerator random) {}

  /**
   * Called before each training step: adds any feeds the model needs and returns what must be
   * closed after the step (usually the fed tensors).
   */
  default AutoCloseable feed(Session.Runner runner) {
    return () -> {};
  }
}
