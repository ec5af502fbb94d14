package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ddrm.api.Interactions;
import org.ddrm.api.UserBatchSampler;
import org.ddrm.api.UserItemMatrix;
import org.ddrm.api.UserRows;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class UserBatchSamplerTest {
  // Users 0, 1, 3 and 4 have items; user 2 has none and is never batched.
  private final UserItemMatrix train = UserItemMatrix.of(5, 4, Interactions.of(
      new int[] {0, 0, 1, 3, 3, 3, 4}, new int[] {1, 3, 0, 0, 1, 2, 3}));
  private final UserBatchSampler sampler =
      new UserBatchSampler(train, new UserRows(null, null, null, 4), 3);

  @Test
  void anEpochVisitsEveryUserWithItemsOnceInCeilBatches() {
    assertThat(sampler.examplesPerEpoch()).isEqualTo(4);
    assertThat(sampler.batchesPerEpoch()).isEqualTo(2);
    sampler.startEpoch(new SplittableRandom(1));
    List<Integer> seen = new ArrayList<>();
    int[] first = sampler.nextUsers();
    int[] second = sampler.nextUsers();
    assertThat(first).hasSize(3);
    assertThat(second).hasSize(1);
    IntStream.concat(Arrays.stream(first), Arrays.stream(second)).forEach(seen::add);
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 3, 4);
    assertThatThrownBy(sampler::nextUsers).hasMessageContaining("epoch exhausted");
  }

  @Test
  void theOrderDependsOnlyOnTheGenerator() {
    sampler.startEpoch(new SplittableRandom(9));
    int[] a = sampler.nextUsers();
    sampler.startEpoch(new SplittableRandom(9));
    assertThat(sampler.nextUsers()).containsExactly(a);
  }

  @Test
  void theFedEntriesMakeDenseRowsWithOnesAtTheUsersItems() throws Exception {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      UserRows inputs = UserRows.placeholders(Ops.create(graph), "batch", 4);
      Session.Runner runner = session.runner().fetch(inputs.rows());
      try (AutoCloseable fed = inputs.feed(runner, train, new int[] {3, 2, 0});
          Result result = runner.run()) {
        TFloat32 rows = (TFloat32) result.get(0);
        float[] values = new float[12];
        rows.copyTo(DataBuffers.of(values, false, false));
        assertThat(rows.shape().asArray()).containsExactly(3, 4);
        assertThat(values).containsExactly(1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1);
      }
    }
  }
}
