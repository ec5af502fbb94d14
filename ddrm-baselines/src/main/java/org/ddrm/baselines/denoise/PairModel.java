package org.ddrm.baselines.denoise;

import java.util.List;
import org.ddrm.api.RankingOps;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A model of the probability of each (user, item) pair: DeCA's prior and noise models. */
interface PairModel {
  /** The probability of each pair of parallel user and item vectors, shape [B]. */
  Operand<TFloat32> probability(Operand<TInt32> userIds, Operand<TInt32> itemIds);

  /** The variables DeCA's optimiser trains (none for a frozen model). */
  List<Variable<TFloat32>> variables();

  /** {@code sigmoid(<p_u, q_i>)} of rows of a user and an item table, shape [B]. */
  static Operand<TFloat32> sigmoidOfDot(Ops tf, Operand<TFloat32> users,
      Operand<TFloat32> items, Operand<TInt32> userIds, Operand<TInt32> itemIds) {
    return tf.math.sigmoid(RankingOps.dot(tf, RankingOps.rows(tf, users, userIds),
        RankingOps.rows(tf, items, itemIds)));
  }
}
