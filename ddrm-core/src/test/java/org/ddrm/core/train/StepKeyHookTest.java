package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ddrm.api.TrainingHook;
import org.ddrm.api.nn.SeededOps;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Training-time random ops draw per step, and the same values again for the same step. */
class StepKeyHookTest {
  private static final org.ddrm.api.Dataset DATA =
      new SyntheticDataGenerator(SyntheticDataSpec.defaults().withSize(200, 150)).generate();

  /** Draws of one op at the given (epoch, batch) steps, in a fresh graph of a run with seed 7. */
  private static float[][] draws(int[][] steps) {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, DATA, 7);
      Operand<TFloat32> op = SeededOps.uniform(context.tf(), context.tf().constant(new int[] {6}),
          context.nextOpSeed());
      TrainingHook hook = context.hooks().get(0);
      float[][] out = new float[steps.length][];
      try (Session session = new Session(graph)) {
        for (int k = 0; k < steps.length; k++) {
          hook.beforeEpoch(steps[k][0], session, new SplittableRandom(1));
          for (int b = 1; b < steps[k][1]; b++) {
            hook.feed(session.runner());
          }
          Session.Runner runner = session.runner();
          try (AutoCloseable fed = hook.feed(runner);
              Result result = runner.fetch(op).run()) {
            out[k] = new float[6];
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out[k], false, false));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
      return out;
    }
  }

  @Test
  void aStepDrawsTheSameValuesInEveryRunAndOtherStepsDrawOthers() {
    float[][] first = draws(new int[][] {{1, 1}, {1, 2}, {2, 1}, {3, 5}});
    float[][] resumed = draws(new int[][] {{3, 5}, {2, 1}});
    assertThat(first[1]).isNotEqualTo(first[0]);
    assertThat(first[2]).isNotEqualTo(first[0]).isNotEqualTo(first[1]);
    assertThat(resumed[0]).isEqualTo(first[3]);
    assertThat(resumed[1]).isEqualTo(first[2]);
  }
}
