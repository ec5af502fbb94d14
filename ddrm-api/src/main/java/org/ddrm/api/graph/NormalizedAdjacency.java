package org.ddrm.api.graph;

import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The symmetric-normalised adjacency {@code D^-1/2 A D^-1/2} of the user-item graph, held as its
 * two off-diagonal blocks: {@code R} ([numUsers, numItems], users gather their items) and
 * {@code R^T} ([numItems, numUsers]). One propagation step is two independent sparse products
 * (CSR products, each over every intra-op thread, with weights shared by both blocks; COO
 * products, which TensorFlow's inter-op threads run side by side, with directed weights).
 * Augmented graphs share the index constants and swap in other edge weights.
 */
public final class NormalizedAdjacency {
  private final BipartiteGraph graph;
  private final SparseMatrix userToItem;
  private final SparseMatrix itemToUser;
  /** Whether the blocks are each other's transposes (one weight per undirected edge). */
  private final boolean symmetric;

  private NormalizedAdjacency(BipartiteGraph graph, SparseMatrix userToItem,
      SparseMatrix itemToUser, boolean symmetric) {
    this.graph = graph;
    this.userToItem = userToItem;
    this.itemToUser = itemToUser;
    this.symmetric = symmetric;
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
            graph.numItems(), graph.numUsers()), true);
  }

  /**
   * The same edges with other weights, one per undirected edge, e.g. an augmented view fed each
   * epoch.
   *
   * @param userMajor per-edge weights in {@link BipartiteGraph}'s user-major order, [numEdges]
   * @param itemMajor the same weights in item-major order ({@link BipartiteGraph#toItemMajor})
   */
  public NormalizedAdjacency withWeights(Operand<TFloat32> userMajor, Operand<TFloat32> itemMajor) {
    return new NormalizedAdjacency(graph, userToItem.withValues(userMajor),
        itemToUser.withValues(itemMajor), true);
  }

  /**
   * The same edges with a weight per direction (AdaGCL's learned gates): users gather their
   * items with {@code userToItem}, items their users with {@code itemToUser}.
   *
   * @param userToItem weights of the user-to-item block in user-major order, [numEdges]
   * @param itemToUser weights of the item-to-user block in item-major order, [numEdges]
   */
  public NormalizedAdjacency withDirectedWeights(Operand<TFloat32> userToItem,
      Operand<TFloat32> itemToUser) {
    return new NormalizedAdjacency(graph, this.userToItem.withValues(userToItem),
        this.itemToUser.withValues(itemToUser), false);
  }

  public BipartiteGraph graph() {
    return graph;
  }

  /**
   * One propagation step: users take {@code R E_items}, items take {@code R^T E_users}. With one
   * weight per edge each block's gradient is the product with the other block.
   */
  public UserItemTables step(Ops tf, UserItemTables layer) {
    if (!symmetric) {
      return new UserItemTables(userToItem.times(tf, layer.items()),
          itemToUser.times(tf, layer.users()));
    }
    return new UserItemTables(userToItem.times(tf, layer.items(), itemToUser),
        itemToUser.times(tf, layer.users(), userToItem));
  }
}
