package org.ddrm.baselines.denoise;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A model of the probability of each (user, item) pair: DeCA's prior and noise models. */
interface PairModel {
  /** The probability of each pair of parallel user and item vectors, shape [B]. */
  Operand<TFloat32> probability(Operand<TInt32> userIds, Operand<TInt32> itemIds);

  /** The variables DeCA's optimiser trains (none for a frozen model). */
  List<Variable<TFloat32>> variables();
}
