package org.ddrm.baselines.denoise;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.Denoiser;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A denoiser that only changes how the backend is trained: it trains in one stage with the
 * backend, and users are scored by the backend's inner products. Its trust in an interaction
 * is the backend's {@code sigmoid(<u, i>)}.
 *
 * @param loss the denoising loss plus the backend's regularisation and auxiliary loss
 * @param variables the denoiser's own variables (DeCA's auxiliary models; none for T-CE, R-CE)
 */
record BackendScoredDenoiser(Ops tf, EmbeddingBackend backend, Operand<TFloat32> loss,
    List<Variable<TFloat32>> variables) implements Denoiser {

  BackendScoredDenoiser {
    variables = List.copyOf(variables);
  }

  /** Adds the backend's regularisation of the batch and its auxiliary loss to {@code loss}. */
  static Operand<TFloat32> withBackendTerms(Ops tf, EmbeddingBackend backend, TripleBatch batch,
      Operand<TFloat32> loss) {
    Operand<TFloat32> total = tf.math.add(loss, backend.regularization(batch));
    Optional<Operand<TFloat32>> auxiliary = backend.auxiliaryLoss(batch);
    return auxiliary.isPresent() ? tf.math.add(total, auxiliary.get()) : total;
  }

  @Override
  public boolean freezesBackend() {
    return false;
  }

  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    return RankingOps.innerProductScores(
        tf, RankingOps.rows(tf, backend.userEmbeddings(), users), backend.itemEmbeddings());
  }

  @Override
  public Optional<Operand<TFloat32>> interactionScores(Operand<TInt32> users,
      Operand<TInt32> items) {
    return Optional.of(tf.math.sigmoid(RankingOps.dot(tf,
        RankingOps.rows(tf, backend.userEmbeddings(), users),
        RankingOps.rows(tf, backend.itemEmbeddings(), items))));
  }
}
