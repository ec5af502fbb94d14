package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

class DiffRecNetworkTest {
  @Test
  void theEncoderMirrorsTheDecoderWidthsAsInTheAuthorsCode() {
    try (Graph graph = new Graph()) {
      long[] seed = {1};
      DiffRecNetwork network = new DiffRecNetwork(Ops.create(graph), 3706, List.of(200, 600), 5,
          10, Activation.TANH, () -> seed[0]++);
      assertThat(network.widths()).containsExactly(3716, 600, 200, 600, 3706);
      // Step projection (weight, bias) and four layers (weight, bias).
      assertThat(network.variables()).hasSize(10);
    }
  }
}
