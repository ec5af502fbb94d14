package org.ddrm.baselines.denoise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.ddrm.api.Denoiser;
import org.ddrm.api.TrainingHook;
import org.ddrm.testkit.KitGraph;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** DeCA-p: the backend pretrained in a stage of its own, its frozen copy as the prior. */
class PretrainedPriorTest {
  @Test
  void theBackendTrainsInASecondStageAgainstItsOwnFrozenCopy() {
    try (KitGraph f = KitGraph.onSynthetic(300, 200, 6)) {
      Denoiser deca = f.denoiser(new DecaProvider(), Map.of("prior", "pretrained"));
      Op step = f.minimizer(deca, 0.05);
      assertThat(deca.freezesBackend()).isTrue();
      assertThat(deca.variables()).containsAll(f.tableBackend().variables());
      PretrainedPrior prior = (PretrainedPrior) f.context().hooks().stream()
          .filter(h -> h instanceof PretrainedPrior).findFirst().orElseThrow();
      Map<Operand<TInt32>, int[]> triples = f.someTriples(32);
      Operand<TFloat32> target = f.tf().math.sigmoid(
          TripleScores.of(f.tf(), f.tableBackend(), f.tripleBatch()).positive());
      Operand<TFloat32> copied = prior.probability(f.tripleBatch().users(), f.tripleBatch().positives());
      assertThat(f.fetch(copied, triples)).containsOnly(0.5f);

      ((TrainingHook) prior).beforeEpoch(1, f.session(), new SplittableRandom(1));
      float[] expected = f.fetch(target, triples);
      float[] actual = f.fetch(copied, triples);
      for (int k = 0; k < expected.length; k++) {
        assertThat(actual[k]).isCloseTo(expected[k], within(1e-6f));
      }
      // Later epochs keep the copy while the backend moves on.
      f.train(deca, step, 2);
      prior.beforeEpoch(2, f.session(), new SplittableRandom(1));
      assertThat(f.fetch(copied, triples)).containsExactly(actual);
      assertThat(f.fetch(target, triples)).isNotEqualTo(expected);
    }
  }
}
