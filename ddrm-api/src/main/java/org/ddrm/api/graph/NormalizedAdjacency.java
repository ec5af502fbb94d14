package org.ddrm.api.graph;

import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The symmetric-normalised adjacency {@code D^-1/2 A D^-1/2} of the user-item graph, held as its
 * two off-diagonal blocks: {@code R} ([numUsers, numItems], users gather their items) and
 * {@code R^T} ([numItems, numUsers]). One propagation step is two independent sparse products, so
 * TensorFlow's inter-op threads run them side by side (its sparse-dense kernel is
 * single-threaded). Augmented graphs share the index constants and swap in other edge weights.
 */
public final class NormalizedAdjacency {
  private final BipartiteGraph graph;
  private final SparseMatrix userToItem;
  private final SparseMatrix itemToUser;

  private NormalizedAdjacency(BipartiteGraph graph, SparseMatrix userToItem,
      SparseMatrix itemToUser) {
    this.graph = graph;
    this.userToItem = userToItem;
    this.itemToUser = itemToUser;
  }

  /** The full train graph's normalised adjacency, in graph constants. */
  public static NormalizedAdjacency of(Ops tf, UserItemMatrix train) {
    return of(tf, BipartiteGraph.of(train));
  }

  /** The full graph's normalised adjacency, in graph constants. */
  public static NormalizedAdjacency of(Ops tf, BipartiteGraph graph) {
    float[] weights = graph.normalizedWeights(null);
    return new NormalizedAdjacency(graph,
        SparseMatrix.constant(tf, graph.userMajorIndices(), weights, graph.numUsers(),
            graph.numItems()),
        SparseMatrix.constant(tf, graph.itemMajorIndices(), graph.toItemMajor(weights),
            graph.numItems(), graph.numUsers()));
  }

  /**
   * The same edges with other weights, e.g. an augmented view fed each epoch.
   *
   * @param userMajor per-edge weights in {@link BipartiteGraph}'s user-major order, [numEdges]
   * @param itemMajor the same weights in item-major order ({@link BipartiteGraph#toItemMajor})
   */
  public NormalizedAdjacency withWeights(Operand<TFloat32> userMajor, Operand<TFloat32> itemMajor) {
    return new NormalizedAdjacency(graph, userToItem.withValues(userMajor),
        itemToUser.withValues(itemMajor));
  }

  public BipartiteGraph graph() {
    return graph;
  }

  /** One propagation step: users take {@code R E_items}, items take {@code R^T E_users}. */
  public UserItemTables step(Ops tf, UserItemTables layer) {
    return new UserItemTables(userToItem.times(tf, layer.items(), itemToUser),
        itemToUser.times(tf, layer.users(), userToItem));
  }
}
