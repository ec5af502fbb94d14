package org.ddrm.api;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The graph part of an embedding recommender (MF-BPR, LightGCN, SGL): its final user and item
 * embedding tables (after any propagation), its regularisation term and auxiliary loss for a
 * batch, and its variables.
 */
public interface EmbeddingBackend {
  /** Final user embeddings, shape [numUsers, dimension]. */
  Operand<TFloat32> userEmbeddings();

  /** Final item embeddings, shape [numItems, dimension]. */
  Operand<TFloat32> itemEmbeddings();

  /**
   * The tables before any graph propagation: a graph backend's layer-0 (ego) embeddings, which a
   * consumer such as DDRM may propagate with layers and pooling of its own. A backend without
   * propagation returns its final tables, the default.
   */
  default UserItemTables baseEmbeddings() {
    return new UserItemTables(userEmbeddings(), itemEmbeddings());
  }

  int dimension();

  /**
   * The backend's weight-decay term for a batch (a scalar), already multiplied by its weight. The
   * pipeline adds it to every stage that trains the backend (never the denoiser).
   */
  Operand<TFloat32> regularization(TripleBatch batch);

  /**
   * An extra loss the backend trains with besides BPR, such as SGL's contrastive loss; added by
   * the pipeline like {@link #regularization}. Build it from the batch and the graph only (no new
   * variables, no seeds drawn): it may be asked for after the denoiser is built.
   */
  default Optional<Operand<TFloat32>> auxiliaryLoss(TripleBatch batch) {
    return Optional.empty();
  }

  /** The backend's trainable variables (its layer-0 embeddings and any weights). */
  List<Variable<TFloat32>> variables();
}
