package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ddrm.api.Dataset;
import org.ddrm.api.graph.BipartiteGraph;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;
import org.ddrm.testkit.KitGraph;
import org.ddrm.testkit.KitRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class AdaGclTest {
  private static final Dataset DATA = new SyntheticDataGenerator(
      SyntheticDataSpec.defaults().withSize(200, 120)).generate();
  private static final int BATCH = 512;

  private static KitRun adaGcl() {
    return KitRun.recommender(new AdaGclProvider(), Map.of("adagcl.dim", "8",
        "adagcl.init_std", "0.1", "train.batch_size", String.valueOf(BATCH), "train.lr", "0.01"),
        DATA, 7);
  }

  @Test
  void lossAndItsBprAndGeneratorPartsFallOverAFewEpochsOnTheSyntheticData() {
    try (KitRun fixture = adaGcl()) {
      AdaGclModel model = (AdaGclModel) fixture.finalModel();
      List<Double> losses = new ArrayList<>(fixture.train(0, 1));
      double[] first = model.lastEpochMeans();
      losses.addAll(fixture.train(0, 7));
      double[] last = model.lastEpochMeans();
      assertThat(losses).hasSize(8).allMatch(Double::isFinite);
      assertThat((losses.get(6) + losses.get(7)) / 2).as("losses " + losses)
          .isLessThan(losses.get(0));
      // Parts: BPR, InfoNCE between the views, bottleneck, generator, denoiser. The InfoNCE
      // terms need not fall: BPR moves the embeddings they compare. The denoiser learns slowly
      // on the frozen initial tables with its Adam epsilon 1e-3, as in the authors' code.
      String parts = Arrays.toString(first) + " -> " + Arrays.toString(last);
      assertThat(last[0]).as("BPR " + parts).isLessThan(0.9 * first[0]);
      assertThat(last[3]).as("generator " + parts).isLessThan(first[3]);
      assertThat(last[4]).as("denoiser " + parts).isLessThan(first[4]);
    }
  }

  @Test
  void edgeGatesLieInTheUnitIntervalAndCoverBothDirectionsOfEveryEdge() {
    try (KitRun fixture = adaGcl()) {
      fixture.train(0, 1);
      AdaGclModel model = (AdaGclModel) fixture.finalModel();
      int edges = DATA.trainMatrix().nnz();
      for (List<Operand<TFloat32>> gates : List.of(model.denoisedGates(), model.trainingGates())) {
        assertThat(gates).hasSize(2);
        for (Operand<TFloat32> layer : gates) {
          float[] values = fixture.fetch(layer);
          assertThat(values).hasSize(2 * edges);
          for (float v : values) {
            assertThat(v).isBetween(0f, 1f);
          }
        }
      }
    }
  }

  @Test
  void theGeneratedViewKeepsTrainEdgesWithTheirWeightsScaledByEdgesOverKept() {
    try (KitRun fixture = adaGcl()) {
      fixture.train(0, 1);
      float[] weights = fixture.fetch(((AdaGclModel) fixture.finalModel()).generatedWeights());
      float[] train = BipartiteGraph.of(DATA.trainMatrix())
          .normalizedWeights(null);
      assertThat(weights).hasSize(train.length);
      int kept = 0;
      for (float w : weights) {
        kept += w != 0 ? 1 : 0;
      }
      assertThat(kept).isPositive();
      double scale = (double) train.length / kept;
      for (int e = 0; e < train.length; e++) {
        if (weights[e] != 0) {
          assertThat((double) weights[e]).isCloseTo(train[e] * scale, within(1e-6));
        }
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameLossesScoresAndViews() {
    List<List<Double>> losses = new ArrayList<>();
    List<List<float[]>> values = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (KitRun fixture = adaGcl()) {
        AdaGclModel model = (AdaGclModel) fixture.finalModel();
        losses.add(fixture.train(0, 2));
        values.add(List.of(fixture.scores(0, 5, 9), fixture.fetch(model.generatedWeights()),
            fixture.fetch(model.denoisedGates().get(1))));
      }
    }
    assertThat(losses.get(1)).isEqualTo(losses.get(0));
    // Fetched after training, the values were seen to differ in the last float digit.
    for (int k = 0; k < 3; k++) {
      assertThat(values.get(1).get(k)).containsExactly(values.get(0).get(k), within(1e-6f));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "gamma|0.2|adagcl.gamma: expected a finite value < 0, got 0.2",
      "zeta|0.9|adagcl.zeta: expected a finite value > 1, got 0.9",
      "temperature|0|adagcl.temperature: expected a finite value > 0, got 0.0",
      "concrete_decay|1.5|adagcl.concrete_decay: expected a value in [0, 1], got 1.5",
      "layers|0|adagcl.layers: expected a positive integer, got 0"})
  void badSettingsNameTheirKey(String key, String value, String message) {
    try (KitGraph graph = KitGraph.on(DATA, 7)) {
      assertThatThrownBy(() -> new AdaGclProvider().build(graph.context(),
          KitGraph.settings(new AdaGclProvider(), Map.of(key, value)), BATCH))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
  }

  @Test
  void theConcreteTemperatureDecaysPerEpochDownToItsFloor() {
    ConcreteTemperature schedule = new ConcreteTemperature(2.0, 0.98, 0.05);
    assertThat(schedule.at(1)).isEqualTo(2.0);
    assertThat(schedule.at(2)).isCloseTo(1.96, within(1e-12));
    assertThat(schedule.at(11)).isCloseTo(2.0 * Math.pow(0.98, 10), within(1e-12));
    // 2 * 0.98^199 = 0.036 is below the floor.
    assertThat(schedule.at(200)).isEqualTo(0.05);
  }
}
