package org.ddrm.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The graph part of a denoiser on top of an embedding backend: the training loss of a triple
 * batch and the scores of users over all items. The {@code none} denoiser is plain BPR.
 *
 * <p><b>What a denoiser gets</b>: the backend's final and base tables and the run's triple
 * placeholders ({@link DenoiserProvider#build}). <b>What it owns</b>: its own loss over the
 * batch, its own variables, whether the backend is frozen, and its scoring rule. <b>What it does
 * not add</b>: the backend's {@link EmbeddingBackend#regularization regularisation} and
 * {@link EmbeddingBackend#auxiliaryLoss auxiliary loss} (SGL's InfoNCE). The pipeline adds both,
 * once, to every stage that trains any of the backend's variables (one-stage denoisers, the
 * backend stage of a frozen-backend denoiser, and a denoiser stage whose {@link #variables()}
 * include the backend's); a frozen backend's stage gets neither. A denoiser that adds them
 * itself counts them twice; {@code ddrm-testkit}'s denoiser suite checks both ways.
 */
public interface Denoiser {
  /**
   * Scalar training loss of the batch the denoiser was built with: the denoiser's own terms
   * only, without the backend's regularisation and auxiliary loss (see the type's Javadoc).
   */
  Operand<TFloat32> loss();

  /** The denoiser's own trainable variables (empty for loss-only denoisers). */
  List<Variable<TFloat32>> variables();

  /**
   * Whether the backend is trained first with plain BPR and then frozen, so that only
   * {@link #variables()} learn in the denoiser's stage (the paper's two-stage protocol).
   */
  boolean freezesBackend();

  /** Scores of the given users over all items, shape [users, numItems]. */
  Operand<TFloat32> scores(Operand<TInt32> users);

  /**
   * A per-interaction score for the given (user, item) pairs, higher for interactions the
   * denoiser trusts more; the noise audit ranks planted false positives with it.
   */
  default Optional<Operand<TFloat32>> interactionScores(Operand<TInt32> users, Operand<TInt32> items) {
    return Optional.empty();
  }

  /**
   * The ranking the denoiser starts from, as a function from users to scores of shape
   * [users, numItems]: runs evaluate it beside the trained scores, so that a result shows what
   * training added (DDRM: the user's mean train-item embedding, not denoised). Empty when the
   * denoiser has no such starting point.
   */
  default Optional<Function<Operand<TInt32>, Operand<TFloat32>>> startingScores() {
    return Optional.empty();
  }

  /**
   * When {@link #startingScores} are inner products of full tables computable without feeds:
   * every user's starting vector and the item table (as {@link TrainableModel#scoringFactors()}
   * for the trained scores), so that the evaluator computes them once per evaluation and scores
   * by blocks. Empty (the default): the starting point is scored batch by batch.
   */
  default Optional<UserItemTables> startingFactors() {
    return Optional.empty();
  }

  /**
   * When the denoiser's scores are inner products, their two sides: the vectors it generates for
   * the given users, [users, dim], and the item table [numItems, dim] it scores them against
   * (DDRM: the denoised ideal items and its item table), so that runs can export them. Empty when
   * the scores are the backend's own tables' products or not inner products at all.
   */
  default Optional<UserItemTables> scoringTables(Operand<TInt32> users) {
    return Optional.empty();
  }

  /**
   * When {@link #scores} are inner products of full tables computable without feeds: the user
   * vectors of every user and the item table (see {@link TrainableModel#scoringFactors()}), for
   * block scoring in evaluation. Empty by default.
   */
  default Optional<UserItemTables> scoringFactors() {
    return Optional.empty();
  }
}
