package org.ddrm.api.graph;

import org.ddrm.api.UserItemMatrix;

/**
 * The edges of the user-item train graph in two orders — user-major (sorted by user, then item)
 * and item-major — and the symmetric normalisation {@code 1 / sqrt(deg(u) deg(i))} of any subset
 * of them. Pure Java: graph backends compute augmented graphs' weights here and feed them.
 */
public final class BipartiteGraph {
  private final int numUsers;
  private final int numItems;
  private final int[] edgeUser;
  private final int[] edgeItem;
  private final int[] itemMajor;

  private BipartiteGraph(int numUsers, int numItems, int[] edgeUser, int[] edgeItem,
      int[] itemMajor) {
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.edgeUser = edgeUser;
    this.edgeItem = edgeItem;
    this.itemMajor = itemMajor;
  }

  /** The graph with one edge per distinct train pair. */
  public static BipartiteGraph of(UserItemMatrix train) {
    int edges = train.nnz();
    int[] users = new int[edges];
    int[] items = new int[edges];
    int[] itemStart = new int[train.numItems() + 1];
    int e = 0;
    for (int u = 0; u < train.numUsers(); u++) {
      for (int k = 0; k < train.degree(u); k++) {
        users[e] = u;
        items[e++] = train.item(u, k);
        itemStart[train.item(u, k) + 1]++;
      }
    }
    for (int i = 0; i < train.numItems(); i++) {
      itemStart[i + 1] += itemStart[i];
    }
    int[] order = new int[edges];
    for (int edge = 0; edge < edges; edge++) {
      order[itemStart[items[edge]]++] = edge;
    }
    return new BipartiteGraph(train.numUsers(), train.numItems(), users, items, order);
  }

  public int numUsers() {
    return numUsers;
  }

  public int numItems() {
    return numItems;
  }

  public int numEdges() {
    return edgeUser.length;
  }

  /** The user of edge {@code e} (user-major numbering). */
  public int user(int e) {
    return edgeUser[e];
  }

  /** The item of edge {@code e} (user-major numbering). */
  public int item(int e) {
    return edgeItem[e];
  }

  /** (user, item) index pairs of the [numUsers, numItems] matrix, flattened, user-major. */
  long[] userMajorIndices() {
    long[] indices = new long[2 * numEdges()];
    for (int e = 0; e < numEdges(); e++) {
      indices[2 * e] = edgeUser[e];
      indices[2 * e + 1] = edgeItem[e];
    }
    return indices;
  }

  /** (item, user) index pairs of the transposed [numItems, numUsers] matrix, item-major. */
  long[] itemMajorIndices() {
    long[] indices = new long[2 * numEdges()];
    for (int k = 0; k < numEdges(); k++) {
      indices[2 * k] = edgeItem[itemMajor[k]];
      indices[2 * k + 1] = edgeUser[itemMajor[k]];
    }
    return indices;
  }

  /**
   * Symmetric-normalised weights, user-major, of the subgraph of kept edges: a kept edge gets
   * {@code 1 / sqrt(deg(u) deg(i))} with degrees counted over kept edges, a dropped edge 0.
   *
   * @param keep per edge (user-major), whether it stays; {@code null} keeps every edge
   */
  public float[] normalizedWeights(boolean[] keep) {
    if (keep != null && keep.length != numEdges()) {
      throw new IllegalArgumentException(
          "keep mask has " + keep.length + " entries for " + numEdges() + " edges");
    }
    int[] userDegree = new int[numUsers];
    int[] itemDegree = new int[numItems];
    for (int e = 0; e < numEdges(); e++) {
      if (keep == null || keep[e]) {
        userDegree[edgeUser[e]]++;
        itemDegree[edgeItem[e]]++;
      }
    }
    float[] weights = new float[numEdges()];
    for (int e = 0; e < numEdges(); e++) {
      if (keep == null || keep[e]) {
        weights[e] = (float) (1 / Math.sqrt(
            (double) userDegree[edgeUser[e]] * itemDegree[edgeItem[e]]));
      }
    }
    return weights;
  }

  /**
   * The edge order of the transposed matrix: entry k is the user-major number of the k-th edge in
   * item-major order (gather user-major values with it to get item-major ones in the graph).
   */
  public int[] itemMajorOrder() {
    return itemMajor.clone();
  }

  /** The same per-edge values in item-major order (the order of the transposed matrix). */
  public float[] toItemMajor(float[] userMajorValues) {
    float[] out = new float[numEdges()];
    for (int k = 0; k < numEdges(); k++) {
      out[k] = userMajorValues[itemMajor[k]];
    }
    return out;
  }
}
