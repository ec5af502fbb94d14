package org.ddrm.baselines.denoise;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.Denoiser;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.RankingOps;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A denoiser that only changes how the backend is trained: it trains in one stage with the
 * backend (or, pretrained, in a second stage after the backend's plain BPR stage), and users are
 * scored by the backend's inner products. Its trust in an interaction
 * is the backend's {@code sigmoid(<u, i>)}.
 *
 * @param loss the denoising loss (the pipeline adds the backend's regularisation and auxiliary
 *     loss)
 * @param variables the denoiser's own variables (DeCA's auxiliary models; none for T-CE, R-CE),
 *     and the backend's when it is pretrained
 * @param pretrainsBackend whether the backend first trains with plain BPR in a stage of its own
 *     and then goes on training on the denoising loss (DeCA-p); else one stage
 */
record BackendScoredDenoiser(Ops tf, EmbeddingBackend backend, Operand<TFloat32> loss,
    List<Variable<TFloat32>> variables, boolean pretrainsBackend) implements Denoiser {

  BackendScoredDenoiser {
    variables = List.copyOf(variables);
  }

  /** A denoiser trained in one stage with the backend. */
  BackendScoredDenoiser(Ops tf, EmbeddingBackend backend, Operand<TFloat32> loss,
      List<Variable<TFloat32>> variables) {
    this(tf, backend, loss, variables, false);
  }

  @Override
  public boolean freezesBackend() {
    return pretrainsBackend;
  }

  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    return RankingOps.innerProductScores(
        tf, RankingOps.rows(tf, backend.userEmbeddings(), users), backend.itemEmbeddings());
  }

  @Override
  public Optional<UserItemTables> scoringFactors() {
    return Optional.of(new UserItemTables(backend.userEmbeddings(), backend.itemEmbeddings()));
  }

  @Override
  public Optional<Operand<TFloat32>> interactionScores(Operand<TInt32> users,
      Operand<TInt32> items) {
    return Optional.of(tf.math.sigmoid(RankingOps.dot(tf,
        RankingOps.rows(tf, backend.userEmbeddings(), users),
        RankingOps.rows(tf, backend.itemEmbeddings(), items))));
  }
}
