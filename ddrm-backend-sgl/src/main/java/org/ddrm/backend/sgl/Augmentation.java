package org.ddrm.backend.sgl;

import java.util.random.RandomGenerator;
import org.ddrm.api.graph.BipartiteGraph;

/** SGL's graph augmentations (Wu et al. 2021): which edges an augmented view keeps. */
enum Augmentation {
  /** Node dropout: every user and item is dropped with the ratio, with all its edges. */
  NODE_DROP,
  /** Edge dropout: every edge is dropped with the ratio; one subgraph for all layers. */
  EDGE_DROP,
  /** Random walk: edge dropout drawn afresh for every layer. */
  RANDOM_WALK;

  /** Whether each layer propagates over its own subgraph. */
  boolean perLayer() {
    return this == RANDOM_WALK;
  }

  /** Per edge (user-major), whether the view keeps it. */
  boolean[] keepMask(BipartiteGraph graph, double ratio, RandomGenerator random) {
    boolean[] keep = new boolean[graph.numEdges()];
    if (this == NODE_DROP) {
      boolean[] users = nodes(graph.numUsers(), ratio, random);
      boolean[] items = nodes(graph.numItems(), ratio, random);
      for (int e = 0; e < keep.length; e++) {
        keep[e] = users[graph.user(e)] && items[graph.item(e)];
      }
    } else {
      for (int e = 0; e < keep.length; e++) {
        keep[e] = random.nextDouble() >= ratio;
      }
    }
    return keep;
  }

  private static boolean[] nodes(int count, double ratio, RandomGenerator random) {
    boolean[] keep = new boolean[count];
    for (int n = 0; n < count; n++) {
      keep[n] = random.nextDouble() >= ratio;
    }
    return keep;
  }
}
