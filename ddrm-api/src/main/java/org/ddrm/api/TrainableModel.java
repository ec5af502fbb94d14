package org.ddrm.api;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What the training loop and the evaluator consume: a loss over fed batches, the variables it
 * trains, and full-ranking scores. Stand-alone recommenders build one directly; the framework
 * composes one from a backend and a denoiser.
 */
public interface TrainableModel {
  Operand<TFloat32> loss();

  List<Variable<TFloat32>> trainableVariables();

  BatchSource batches();

  /** Scores of the given users over all items, shape [users, numItems]. */
  Operand<TFloat32> scores(Operand<TInt32> users);

  /** Extra feeds the scores need for a batch of users; returns what to close after the run. */
  default AutoCloseable feedScoring(int[] users, Session.Runner runner) {
    return () -> {};
  }
}
