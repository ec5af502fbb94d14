package org.ddrm.api;

import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * The graph-building context a provider receives: the TensorFlow graph of the run, the op
 * factory, the data set, and a deterministic supply of op seeds derived from the run's seed.
 * TensorFlow Java has no graph-level seed, so every random op must take {@link #nextSeed()}
 * (initialisers) or {@link #nextOpSeed()} (draws while training).
 */
public interface ModelGraph {
  Graph graph();

  Ops tf();

  Dataset dataset();

  /** The next op seed of the run's deterministic sequence. */
  long nextSeed();

  /**
   * The seed of a new random op that draws while training: the next op seed with the graph's
   * step key (see {@link org.ddrm.api.nn.OpSeed}, {@link org.ddrm.api.nn.SeededOps}).
   */
  org.ddrm.api.nn.OpSeed nextOpSeed();

  /** Registers a hook the training loop calls around every epoch and step. */
  void addTrainingHook(TrainingHook hook);
}
