package org.ddrm.api;

import org.tensorflow.Operand;
import org.tensorflow.types.TInt32;

/**
 * The graph inputs of one BPR training batch: parallel vectors of users, positive items and
 * sampled negative items. The framework's sampler feeds them at every step.
 */
public record TripleBatch(Operand<TInt32> users, Operand<TInt32> positives, Operand<TInt32> negatives) {}
