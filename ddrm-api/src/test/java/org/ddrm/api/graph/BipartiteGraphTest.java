package org.ddrm.api.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ddrm.api.Interactions;
import org.ddrm.api.UserItemMatrix;
import org.junit.jupiter.api.Test;

class BipartiteGraphTest {
  /** Users 0: {0, 1}, 1: {1}, 2: {0, 1, 2}; given out of order, with a repeated pair. */
  private static BipartiteGraph graph() {
    return BipartiteGraph.of(UserItemMatrix.of(3, 3, Interactions.of(
        new int[] {2, 0, 1, 2, 0, 2, 0}, new int[] {2, 1, 1, 0, 0, 1, 1})));
  }

  @Test
  void edgesAreTheDistinctPairsInUserMajorOrder() {
    BipartiteGraph g = graph();
    assertThat(g.numEdges()).isEqualTo(6);
    int[][] expected = {{0, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 1}, {2, 2}};
    for (int e = 0; e < expected.length; e++) {
      assertThat(new int[] {g.user(e), g.item(e)}).containsExactly(expected[e]);
    }
    assertThat(g.itemMajorIndices()).containsExactly(0, 0, 0, 2, 1, 0, 1, 1, 1, 2, 2, 2);
  }

  @Test
  void weightsAreOneOverTheRootOfBothDegrees() {
    // Degrees: users 2, 1, 3; items 2, 3, 1.
    float[] w = graph().normalizedWeights(null);
    double[] expected = {1 / Math.sqrt(2 * 2), 1 / Math.sqrt(2 * 3), 1 / Math.sqrt(1 * 3),
        1 / Math.sqrt(3 * 2), 1 / Math.sqrt(3 * 3), 1 / Math.sqrt(3 * 1)};
    for (int e = 0; e < expected.length; e++) {
      assertThat((double) w[e]).isCloseTo(expected[e], within(1e-6));
    }
  }

  @Test
  void droppedEdgesWeighZeroAndLeaveTheDegreesOfTheKeptGraph() {
    // Drop (0, 1) and (2, 2): degrees become users 1, 1, 2; items 2, 2, 0.
    boolean[] keep = {true, false, true, true, true, false};
    float[] w = graph().normalizedWeights(keep);
    double[] expected = {1 / Math.sqrt(1 * 2), 0, 1 / Math.sqrt(1 * 2), 1 / Math.sqrt(2 * 2),
        1 / Math.sqrt(2 * 2), 0};
    for (int e = 0; e < expected.length; e++) {
      assertThat((double) w[e]).isCloseTo(expected[e], within(1e-6));
    }
  }

  @Test
  void itemMajorValuesFollowTheTransposedIndices() {
    BipartiteGraph g = graph();
    float[] values = {10, 11, 12, 13, 14, 15};
    assertThat(g.toItemMajor(values)).containsExactly(10, 13, 11, 12, 14, 15);
  }

  @Test
  void aMaskOfTheWrongLengthIsRejected() {
    assertThatThrownBy(() -> graph().normalizedWeights(new boolean[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 entries for 6 edges");
  }
}
