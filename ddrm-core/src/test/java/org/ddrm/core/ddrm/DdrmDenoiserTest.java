package org.ddrm.core.ddrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ddrm.api.Denoiser;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.UniformTripleSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class DdrmDenoiserTest {
  private static final int[] USERS = {0, 3, 12, 20};
  private static final int[] POSITIVES = {1, 2, 16, 25};
  private static final int[] NEGATIVES = {20, 29, 3, 0};

  @Test
  void providerDeclaresEveryKeyAndFreezesTheBackendUnlessJoint() {
    DdrmDenoiserProvider provider = new DdrmDenoiserProvider();
    assertThat(provider.name()).isEqualTo("ddrm");
    assertThat(provider.settings()).extracting(s -> s.key()).contains("steps", "inference_steps",
        "noise_scale", "noise_min", "noise_max", "first_beta", "hidden", "activation", "dropout",
        "step_embedding_dim", "lambda", "gamma", "weight_scope", "propagation_layers", "propagation_pooling",
        "joint", "item_only", "loss", "inference_start", "dynamic_noise", "denoiser");
    try (DdrmFixture frozen = DdrmFixture.build(1, Map.of());
        DdrmFixture joint = DdrmFixture.build(1, Map.of("joint", "true"))) {
      assertThat(frozen.denoiser.freezesBackend()).isTrue();
      assertThat(joint.denoiser.freezesBackend()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "transformer"})
  void outputsHaveTheExpectedShapes(String network) {
    try (DdrmFixture f = DdrmFixture.build(1, Map.of("denoiser", network))) {
      Placeholder<TInt32> users = f.tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> noisy = f.tf.constant(new float[3][DdrmFixture.DIM]);
      DenoiserNetwork item = f.denoiser.itemNetwork();
      Operand<TFloat32> predicted = item.predictStart(noisy, f.tf.constant(new int[] {0, 2, 4}),
          noisy, false);
      try (Result result = f.session().runner().fetch(predicted).run()) {
        assertThat(result.get(0).shape().asArray()).containsExactly(3, DdrmFixture.DIM);
      }
      float[] scores = f.fetch(f.denoiser.scores(users), Map.of(users, new int[] {1, 2, 3}));
      assertThat(scores).hasSize(3 * DdrmFixture.ITEMS);
      Placeholder<TInt32> items = f.tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      float[] trust = f.fetch(f.denoiser.interactionScores(users, items).orElseThrow(),
          Map.of(users, new int[] {1, 2}, items, new int[] {4, 5}));
      assertThat(DdrmFixture.list(trust)).hasSize(2).allSatisfy(v -> assertThat(v).isStrictlyBetween(0f, 1f));
    }
  }

  @ParameterizedTest
  @CsvSource({"mlp, 0", "transformer, 0", "mlp, 2"})
  void stageTwoLossFalls(String network, String propagationLayers) {
    try (DdrmFixture f = DdrmFixture.build(7,
        Map.of("denoiser", network, "propagation_layers", propagationLayers))) {
      Op step = new AdamOptimizer(0.01, true).minimize(f.graph, f.tf, "adam", f.denoiser.loss(),
          f.denoiser.variables());
      UniformTripleSampler sampler =
          new UniformTripleSampler(f.dataset.trainMatrix(), f.batch, 16);
      Session session = f.session();
      SplittableRandom random = new SplittableRandom(3);
      List<Double> losses = new ArrayList<>();
      while (losses.size() < 50) {
        sampler.startEpoch(random);
        for (int b = 0; b < sampler.batchesPerEpoch() && losses.size() < 50; b++) {
          Session.Runner runner = session.runner();
          AutoCloseable fed = sampler.feedNext(runner);
          try (fed; Result result = runner.addTarget(step).fetch(f.denoiser.loss()).run()) {
            losses.add((double) ((TFloat32) result.get(0)).getFloat());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }
      }
      double first = losses.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double last = losses.subList(40, 50).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertThat(last).isLessThan(first);
    }
  }

  @Test
  void inferenceIsReproducibleWithASeedAndIndependentOfTheBatch() {
    int[] all = {0, 1, 2, 5, 12, 13, 23};
    try (DdrmFixture first = DdrmFixture.build(11, Map.of());
        DdrmFixture second = DdrmFixture.build(11, Map.of())) {
      float[][] together = first.scores(all);
      assertThat(second.scores(all)).isDeepEqualTo(together);
      float[][] head = first.scores(new int[] {0, 1, 2});
      float[][] tail = first.scores(new int[] {5, 12, 13, 23});
      for (int r = 0; r < all.length; r++) {
        float[] alone = r < 3 ? head[r] : tail[r - 3];
        for (int i = 0; i < DdrmFixture.ITEMS; i++) {
          assertThat(alone[i]).isCloseTo(together[r][i], within(1e-5f));
        }
      }
    }
  }

  @Test
  void factorTablesScoreEveryUserAsTheScoringBranchDoes() {
    try (DdrmFixture fixture = DdrmFixture.build(11, Map.of())) {
      int[] users = {0, 3, 7, 23};
      float[][] expected = fixture.scores(users);
      UserItemTables factors = fixture.denoiser.scoringFactors().orElseThrow();
      float[] ideal = fixture.fetch(factors.users(), Map.of());
      float[] items = fixture.fetch(factors.items(), Map.of());
      int dim = ideal.length / DdrmFixture.USERS;
      for (int r = 0; r < users.length; r++) {
        for (int i = 0; i < DdrmFixture.ITEMS; i++) {
          float product = 0;
          for (int d = 0; d < dim; d++) {
            product += ideal[users[r] * dim + d] * items[i * dim + d];
          }
          assertThat(product).isCloseTo(expected[r][i], within(1e-5f));
        }
      }
    }
  }

  @Test
  void anotherSeedGivesOtherScores() {
    try (DdrmFixture first = DdrmFixture.build(11, Map.of());
        DdrmFixture second = DdrmFixture.build(12, Map.of())) {
      assertThat(second.scores(new int[] {0})[0]).isNotEqualTo(first.scores(new int[] {0})[0]);
    }
  }

  @Test
  void itemOnlyBuildsNoUserModule() {
    try (DdrmFixture full = DdrmFixture.build(1, Map.of());
        DdrmFixture itemOnly = DdrmFixture.build(1, Map.of("item_only", "true"))) {
      assertThat(full.denoiser.userNetwork()).isPresent();
      assertThat(itemOnly.denoiser.userNetwork()).isEmpty();
      // Step projection plus two layers (hidden 32, output), each a weight and a bias.
      assertThat(full.denoiser.variables()).hasSize(12);
      assertThat(itemOnly.denoiser.variables()).hasSize(6);
      assertThat(names(full.denoiser)).anyMatch(n -> n.contains("user_denoiser"));
      assertThat(names(itemOnly.denoiser)).noneMatch(n -> n.contains("user_denoiser"));
      assertThat(itemOnly.graph.operation("ddrm/user_denoiser/layer_0/weight")).isNull();
      assertThat(DdrmFixture.list(
              itemOnly.fetch(itemOnly.denoiser.loss(), itemOnly.triples(USERS, POSITIVES, NEGATIVES))))
          .allSatisfy(v -> assertThat(v).isFinite());
    }
  }

  private static List<String> names(Denoiser denoiser) {
    return denoiser.variables().stream().map(Variable::op).map(o -> o.name()).toList();
  }

  @Test
  void inferenceFromNoiseChangesTheScores() {
    try (DdrmFixture history = DdrmFixture.build(5, Map.of());
        DdrmFixture noise = DdrmFixture.build(5, Map.of("inference_start", "noise"))) {
      assertThat(noise.scores(new int[] {2})[0]).isNotEqualTo(history.scores(new int[] {2})[0]);
    }
  }

  @Test
  void theStartingPointScoresItemsByTheUsersMeanTrainItem() {
    try (DdrmFixture f = DdrmFixture.build(5, Map.of());
        DdrmFixture noise = DdrmFixture.build(5, Map.of("inference_start", "noise"))) {
      assertThat(noise.denoiser.startingScores()).isEmpty();
      Placeholder<TInt32> users = f.tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      int[] ids = {3, 20};
      float[] scores = f.fetch(f.denoiser.startingScores().orElseThrow().apply(users),
          Map.of(users, ids));
      float[][] items = f.itemValues;
      for (int r = 0; r < ids.length; r++) {
        int[] history = f.dataset.trainMatrix().items(ids[r]);
        for (int j = 0; j < DdrmFixture.ITEMS; j++) {
          double expected = 0;
          for (int i : history) {
            for (int k = 0; k < DdrmFixture.DIM; k++) {
              expected += items[i][k] * items[j][k] / history.length;
            }
          }
          assertThat((double) scores[r * DdrmFixture.ITEMS + j]).isCloseTo(expected, within(1e-5));
        }
      }
      // the same scores as products of the starting factors (the evaluator's block scoring)
      assertThat(noise.denoiser.startingFactors()).isEmpty();
      UserItemTables factors = f.denoiser.startingFactors().orElseThrow();
      float[] userVectors = f.fetch(factors.users(), Map.of());
      float[] itemVectors = f.fetch(factors.items(), Map.of());
      for (int r = 0; r < ids.length; r++) {
        for (int j = 0; j < DdrmFixture.ITEMS; j++) {
          double product = 0;
          for (int k = 0; k < DdrmFixture.DIM; k++) {
            product += userVectors[ids[r] * DdrmFixture.DIM + k]
                * itemVectors[j * DdrmFixture.DIM + k];
          }
          assertThat(product).isCloseTo(scores[r * DdrmFixture.ITEMS + j], within(1e-5));
        }
      }
    }
  }

  @Test
  void gammaZeroOrTheReconstructionVariantMakesEveryWeightOne() {
    for (Map<String, String> settings :
        List.of(Map.of("gamma", "0"), Map.of("loss", "reconstruction"))) {
      try (DdrmFixture f = DdrmFixture.build(5, settings)) {
        assertThat(f.fetch(f.denoiser.sampleWeights(), f.triples(USERS, POSITIVES, NEGATIVES)))
            .containsOnly(1f);
      }
    }
    try (DdrmFixture f = DdrmFixture.build(5, Map.of("gamma", "1"))) {
      assertThat(DdrmFixture.list(
              f.fetch(f.denoiser.sampleWeights(), f.triples(USERS, POSITIVES, NEGATIVES))))
          .hasSize(USERS.length)
          .allSatisfy(w -> assertThat(w).isStrictlyBetween(0f, 1f));
    }
  }

  @Test
  void theReweightVariantDropsTheReconstructionTerm() {
    // With lambda = 0 'both' is the reweighted BPR alone, so it must equal 'reweight';
    // with lambda > 0 'both' adds the reconstruction term and 'reweight' does not.
    assertThat(loss(Map.of("lambda", "0", "loss", "reweight")))
        .isEqualTo(loss(Map.of("lambda", "0", "loss", "both")));
    assertThat(loss(Map.of("lambda", "0.4", "loss", "reweight")))
        .isEqualTo(loss(Map.of("lambda", "0", "loss", "both")))
        .isNotEqualTo(loss(Map.of("lambda", "0.4", "loss", "both")));
  }

  @Test
  void theBprWeightScopeLeavesTheReconstructionUnweighted() {
    // With lambda = 1 only the reconstruction term is left: 'bpr' scope must not weight it (as
    // gamma = 0 does not), the reference's 'all' scope must.
    assertThat(loss(Map.of("lambda", "1", "weight_scope", "bpr")))
        .isEqualTo(loss(Map.of("lambda", "1", "gamma", "0")))
        .isNotEqualTo(loss(Map.of("lambda", "1", "weight_scope", "all")));
    // With lambda = 0 only the weighted BPR term is left: both scopes agree.
    assertThat(loss(Map.of("lambda", "0", "weight_scope", "bpr")))
        .isEqualTo(loss(Map.of("lambda", "0", "weight_scope", "all")));
  }

  private static float loss(Map<String, String> settings) {
    try (DdrmFixture f = DdrmFixture.build(9, settings)) {
      return f.fetch(f.denoiser.loss(), f.triples(USERS, POSITIVES, NEGATIVES))[0];
    }
  }

  @Test
  void dynamicNoiseChangesTheTrainingLoss() {
    Map<String, String> loud = new HashMap<>(Map.of("noise_scale", "0.5", "noise_min", "0.1",
        "noise_max", "0.9"));
    float plain = loss(loud);
    loud.put("dynamic_noise", "std");
    assertThat(loss(loud)).isNotEqualTo(plain);
  }

  @Test
  void moreInferenceStepsThanTrainingStepsRun() {
    try (DdrmFixture f = DdrmFixture.build(5, Map.of("steps", "4", "inference_steps", "9"))) {
      assertThat(DdrmFixture.list(f.scores(new int[] {0, 1})[1])).allSatisfy(v -> assertThat(v).isFinite());
    }
  }

  @Test
  void theAuditScoreIsDeterministic() {
    try (DdrmFixture f = DdrmFixture.build(5, Map.of())) {
      Placeholder<TInt32> users = f.tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Placeholder<TInt32> items = f.tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> trust = f.denoiser.interactionScores(users, items).orElseThrow();
      Map<Operand<TInt32>, int[]> feeds = Map.of(users, USERS, items, POSITIVES);
      assertThat(f.fetch(trust, feeds)).containsExactly(f.fetch(trust, feeds));
    }
  }

  @Test
  void fineTuningKeepsTheBprStageAndTrainsTheBackendInTheSecond() {
    try (DdrmFixture f = DdrmFixture.build(5, Map.of("finetune_backend", "true"))) {
      assertThat(f.denoiser.freezesBackend()).isTrue();
      assertThat(f.denoiser.variables()).containsAll(f.backend.variables()).hasSize(14);
    }
    assertThatThrownBy(() -> DdrmFixture.build(5, Map.of("finetune_backend", "true", "joint", "true")))
        .hasMessageContaining("ddrm.finetune_backend: cannot be combined with ddrm.joint");
  }

  @Test
  void jointTrainingUpdatesTheBackendThroughThePropagation() {
    try (DdrmFixture f = DdrmFixture.build(5, Map.of("joint", "true", "propagation_layers", "2"))) {
      List<Variable<TFloat32>> variables = new ArrayList<>(f.backend.variables());
      variables.addAll(f.denoiser.variables());
      Op step = new AdamOptimizer(0.01, true).minimize(f.graph, f.tf, "adam", f.denoiser.loss(),
          variables);
      Operand<TFloat32> items = f.backend.itemEmbeddings();
      float[] before = f.fetch(items, Map.of());
      Session.Runner runner = f.session().runner();
      List<TInt32> fed = List.of(TInt32.vectorOf(USERS), TInt32.vectorOf(POSITIVES),
          TInt32.vectorOf(NEGATIVES));
      runner.feed(f.batch.users(), fed.get(0)).feed(f.batch.positives(), fed.get(1))
          .feed(f.batch.negatives(), fed.get(2)).addTarget(step);
      try (Result ignored = runner.run()) {
        assertThat(ignored.size()).isZero();
      } finally {
        fed.forEach(TInt32::close);
      }
      assertThat(f.fetch(items, Map.of())).isNotEqualTo(before);
    }
  }
}
