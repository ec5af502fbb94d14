package org.ddrm.api;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.graph.UserItemTables;
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

  /**
   * The parts of the loss that each get an optimiser of their own (own moments, own step), all
   * applied in every training step after every part's gradients are computed; by default one
   * part, the whole loss over every trainable variable. A model whose reference steps one
   * optimiser per loss part (AdaGCL) lists its parts, so that a large part does not set the
   * step size of the others.
   */
  default List<LossPart> optimisedParts() {
    return List.of(new LossPart(loss(), trainableVariables()));
  }

  BatchSource batches();

  /** Scores of the given users over all items, shape [users, numItems]. */
  Operand<TFloat32> scores(Operand<TInt32> users);

  /**
   * When every score is the inner product of a user vector and an item vector: the full tables,
   * users [numUsers, dim] and items [numItems, dim], computable without feeds, such that
   * {@code scores(u)} equals {@code users[u] . items^T}. The evaluator then computes both once per
   * evaluation (a graph model's propagation, a denoiser's inference) and scores blocks of users
   * against the item table. Empty (the default) when scores are not such products.
   */
  default Optional<UserItemTables> scoringFactors() {
    return Optional.empty();
  }

  /** Extra feeds the scores need for a batch of users; returns what to close after the run. */
  default AutoCloseable feedScoring(int[] users, Session.Runner runner) {
    return () -> {};
  }
}
