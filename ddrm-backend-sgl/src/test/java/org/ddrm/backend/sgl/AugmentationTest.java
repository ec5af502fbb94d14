package org.ddrm.backend.sgl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ddrm.api.graph.BipartiteGraph;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private static final BipartiteGraph GRAPH =
      BipartiteGraph.of(SyntheticDataGenerator.generateDefault().trainMatrix());

  @Test
  void edgeDropKeepsAboutOneMinusTheRatioOfTheEdges() {
    boolean[] keep = Augmentation.EDGE_DROP.keepMask(GRAPH, 0.1, new SplittableRandom(1));
    int kept = 0;
    for (boolean k : keep) {
      kept += k ? 1 : 0;
    }
    assertThat(kept / (double) GRAPH.numEdges()).isCloseTo(0.9, within(0.01));
  }

  @Test
  void nodeDropRemovesEveryEdgeOfADroppedNodeAndNoOther() {
    boolean[] keep = Augmentation.NODE_DROP.keepMask(GRAPH, 0.2, new SplittableRandom(2));
    // A user is dropped when it lost any edge whose item still has a kept edge elsewhere: check
    // per user that its edges are all kept, all dropped, or dropped only at dropped items.
    boolean[] itemSeenKept = new boolean[GRAPH.numItems()];
    boolean[] userSeenKept = new boolean[GRAPH.numUsers()];
    for (int e = 0; e < keep.length; e++) {
      if (keep[e]) {
        itemSeenKept[GRAPH.item(e)] = true;
        userSeenKept[GRAPH.user(e)] = true;
      }
    }
    for (int e = 0; e < keep.length; e++) {
      if (!keep[e]) {
        assertThat(userSeenKept[GRAPH.user(e)] && itemSeenKept[GRAPH.item(e)])
            .as("edge %d dropped between two kept nodes", e).isFalse();
      }
    }
    int kept = 0;
    for (boolean k : keep) {
      kept += k ? 1 : 0;
    }
    assertThat(kept / (double) GRAPH.numEdges()).isCloseTo(0.64, within(0.05));
  }

  @Test
  void theSameGeneratorStateDrawsTheSameView() {
    assertThat(Augmentation.EDGE_DROP.keepMask(GRAPH, 0.3, new SplittableRandom(9)))
        .isEqualTo(Augmentation.EDGE_DROP.keepMask(GRAPH, 0.3, new SplittableRandom(9)));
  }
}
