package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ddrm.core.train.EarlyStopping.MissCounting;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The two miss rules as a table: validation every 5 epochs, patience 2, min_epochs 15, at most
 * 40 epochs; each case's validation values (epochs 5, 10, ...) and the epoch training stops at.
 */
class EarlyStoppingTest {
  @TempDir
  Path directory;

  static Stream<Arguments> cases() {
    List<Double> flatAfterFive = List.of(0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4);
    List<Double> resetAfterMin = List.of(0.1, 0.2, 0.1, 0.1, 0.3, 0.1, 0.1, 0.1);
    List<Double> improving = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8);
    List<Double> lateDrop = List.of(0.1, 0.2, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2);
    return Stream.of(
        // misses at 10 and 15; 15 >= min_epochs: stop at 15.
        Arguments.of(MissCounting.ALWAYS, flatAfterFive, 15, 5),
        // misses at 10, 15 do not count; 20, 25 do: stop at 25.
        Arguments.of(MissCounting.AFTER_MIN_EPOCHS, flatAfterFive, 25, 5),
        // misses at 15, 20: stop at 20 before the improvement at 25.
        Arguments.of(MissCounting.ALWAYS, resetAfterMin, 20, 10),
        // 15 does not count, 20 does (1), 25 improves (reset), 30 and 35 miss: stop at 35.
        Arguments.of(MissCounting.AFTER_MIN_EPOCHS, resetAfterMin, 35, 25),
        Arguments.of(MissCounting.ALWAYS, improving, 40, 40),
        Arguments.of(MissCounting.AFTER_MIN_EPOCHS, improving, 40, 40),
        // best at 15; misses at 20 and 25 count under both rules.
        Arguments.of(MissCounting.ALWAYS, lateDrop, 25, 15),
        Arguments.of(MissCounting.AFTER_MIN_EPOCHS, lateDrop, 25, 15));
  }

  @ParameterizedTest(name = "{0} on {1}: stops at {2}, best {3}")
  @MethodSource("cases")
  void stopsWhereTheRuleSays(MissCounting rule, List<Double> values, int stopEpoch,
      int bestEpoch) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      tf.withName("w").variable(tf.constant(1f));
      try (Session session = new Session(graph)) {
        session.initialize();
        Iterator<Double> validations = values.iterator();
        EarlyStopping stopping = new EarlyStopping(
            () -> Map.of("recall@10", validations.next()), "recall@10", 5, 2, 15, rule,
            Checkpoint.allVariables(session, directory, "best"));
        int epoch = 0;
        while (epoch < 40 && !stopping.stopRequested()) {
          epoch++;
          stopping.onEpochEnd(new EpochReport("denoiser", epoch, 0.1, 0.0, 1, Map.of()));
        }
        assertThat(epoch).isEqualTo(stopEpoch);
        assertThat(stopping.bestEpoch()).isEqualTo(bestEpoch);
      }
    }
  }
}
