package org.ddrm.api.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * The seed of a random op that draws while training: the op's own number from the run's seed
 * sequence and the graph's step key, a scalar that the training loop sets for every step from
 * the epoch and the batch. The op draws new values every step, the same ones in every run with
 * the same seed, and the same ones again when an interrupted run resumes at that step.
 *
 * @param op the op's number ({@code ModelGraph.nextSeed()})
 * @param step the step key, a scalar the training loop feeds (0 when not fed)
 */
public record OpSeed(long op, Operand<TInt64> step) {
  /** The [2] seed tensor of TensorFlow's stateless random ops. */
  Operand<TInt64> tensor(Ops tf) {
    return tf.stack(List.of(tf.constant(op), step));
  }
}
