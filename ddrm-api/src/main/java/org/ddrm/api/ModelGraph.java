package org.ddrm.api;

import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * The graph-building context a provider receives: the TensorFlow graph of the run, the op
 * factory, the data set, and a deterministic supply of op seeds derived from the run's seed.
 * TensorFlow Java has no graph-level seed, so every random op must take {@link #nextSeed()}.
 */
public interface ModelGraph {
  Graph graph();

  Ops tf();

  Dataset dataset();

  /** The next op seed of the run's deterministic sequence. */
  long nextSeed();

  /** Registers a hook the training loop calls around every epoch and step. */
  void addTrainingHook(TrainingHook hook);
}
