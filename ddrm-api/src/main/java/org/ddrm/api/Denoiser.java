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
 */
public interface Denoiser {
  /** Scalar training loss of the batch the denoiser was built with. */
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
