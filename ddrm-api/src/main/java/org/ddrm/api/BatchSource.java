package org.ddrm.api;

import java.util.List;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/** Produces the feeds of every training step of an epoch. */
public interface BatchSource {
  /** Steps in one epoch. */
  int batchesPerEpoch();

  /** Examples (triples, users, ...) in one epoch, for throughput reports. */
  long examplesPerEpoch();

  /** Prepares a new epoch, drawing with the given generator. */
  void startEpoch(RandomGenerator random);

  /** Feeds the next batch and returns what must be closed after the step. */
  AutoCloseable feedNext(Session.Runner runner);

  /**
   * Outputs the training loop fetches with every step and hands to {@link #afterStep}, for a
   * source whose next batches depend on this one's results (DiffRec's per-example losses).
   */
  default List<Operand<?>> stepOutputs() {
    return List.of();
  }

  /** Receives the values of {@link #stepOutputs()} of the step just run, in the same order. */
  default void afterStep(List<Tensor> outputs) {}

  /**
   * What this source carries from epoch to epoch besides its generator (DiffRec's loss history),
   * saved with every resume checkpoint; empty where the epoch count determines the state.
   */
  default double[] carriedState() {
    return new double[0];
  }

  /**
   * Takes up an interrupted run after {@code epochsDone} epochs, given what
   * {@link #carriedState()} returned then.
   */
  default void resumeAfter(int epochsDone, double[] state) {}
}
