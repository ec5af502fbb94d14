package org.ddrm.backend.sgl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.TripleBatch;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.CurveRecorder;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.TrainingLoop;
import org.ddrm.core.train.EmbeddingPipeline;
import org.ddrm.core.train.TfGraphContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class SglBackendTest {
  private static final Dataset DATA =
      new SyntheticDataGenerator(SyntheticDataSpec.defaults().withSize(150, 120)).generate();

  private static MapSettings settings(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    for (SettingSpec spec : SglSettings.SPECS) {
      values.put(spec.key(), spec.defaultValue());
    }
    values.put("dim", "8");
    values.putAll(overrides);
    return MapSettings.of(values);
  }

  private static float[] flat(Session session, Operand<TFloat32> output,
      Map<Placeholder<TInt32>, int[]> feeds) {
    Session.Runner runner = session.runner();
    List<TInt32> fed = new ArrayList<>();
    feeds.forEach((p, v) -> {
      TInt32 t = TInt32.vectorOf(v);
      fed.add(t);
      runner.feed(p, t);
    });
    try (Result result = runner.fetch(output).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] out = new float[(int) tensor.shape().size()];
      tensor.copyTo(DataBuffers.of(out, false, false));
      return out;
    } finally {
      fed.forEach(TInt32::close);
    }
  }

  private static double[] unit(float[] table, int row, int dim) {
    double[] out = new double[dim];
    double norm = 0;
    for (int k = 0; k < dim; k++) {
      norm += table[row * dim + k] * table[row * dim + k];
    }
    for (int k = 0; k < dim; k++) {
      out[k] = table[row * dim + k] / Math.sqrt(norm);
    }
    return out;
  }

  /** InfoNCE of anchors {@code ids} against the rows {@code negatives} of the second view. */
  private static double infoNce(float[] a, float[] b, int[] ids, int[] negatives, int dim,
      double t) {
    double sum = 0;
    for (int id : ids) {
      double[] x = unit(a, id, dim);
      double total = 0;
      double positive = 0;
      for (int m : negatives) {
        double[] y = unit(b, m, dim);
        double dot = 0;
        for (int k = 0; k < dim; k++) {
          dot += x[k] * y[k];
        }
        total += Math.exp(dot / t);
        if (m == id) {
          positive = dot / t;
        }
      }
      sum += Math.log(total) - positive;
    }
    return sum / ids.length;
  }

  private static int[] range(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "all"})
  void auxiliaryLossIsTheWeightedInfoNceOfBothSides(String negatives) {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, DATA, 4);
      var tf = context.tf();
      SglBackend backend = (SglBackend) new SglBackendProvider().build(context,
          settings(Map.of("temperature", "0.5", "ssl_weight", "0.3", "negatives", negatives)));
      Placeholder<TInt32> users = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Placeholder<TInt32> positives = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      TripleBatch batch = new TripleBatch(users, positives, positives);
      Operand<TFloat32> loss = backend.auxiliaryLoss(batch).orElseThrow();
      try (Session session = new Session(graph)) {
        session.initialize();
        context.hooks().forEach(h -> h.beforeEpoch(1, session, new SplittableRandom(3)));
        int[] u = {0, 5, 5, 17};
        int[] p = {2, 9, 40, 3};
        float[] firstUsers = flat(session, backend.firstView().users(), Map.of());
        float[] secondUsers = flat(session, backend.secondView().users(), Map.of());
        float[] firstItems = flat(session, backend.firstView().items(), Map.of());
        float[] secondItems = flat(session, backend.secondView().items(), Map.of());
        assertThat(firstUsers).isNotEqualTo(secondUsers);
        boolean all = negatives.equals("all");
        int[] userAnchors = all ? u : new int[] {0, 5, 17};
        int[] itemAnchors = p;
        double expected = 0.3 * (
            infoNce(firstUsers, secondUsers, userAnchors, all ? range(DATA.numUsers()) : userAnchors,
                8, 0.5)
            + infoNce(firstItems, secondItems, itemAnchors, all ? range(DATA.numItems()) : itemAnchors,
                8, 0.5));
        float actual = flat(session, loss, Map.of(users, u, positives, p))[0];
        assertThat((double) actual).isCloseTo(expected, within(1e-4));
      }
    }
  }

  @Test
  void viewsAreRedrawnEveryEpoch() {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, DATA, 4);
      SglBackend backend = (SglBackend) new SglBackendProvider().build(context,
          settings(Map.of("augmentation", "random_walk")));
      try (Session session = new Session(graph)) {
        session.initialize();
        SplittableRandom random = new SplittableRandom(3);
        context.hooks().forEach(h -> h.beforeEpoch(1, session, random));
        float[] before = flat(session, backend.firstView().users(), Map.of());
        context.hooks().forEach(h -> h.beforeEpoch(2, session, random));
        float[] after = flat(session, backend.firstView().users(), Map.of());
        assertThat(after).isNotEqualTo(before);
      }
    }
  }

  @Test
  void trainingLossFallsOnSyntheticData() {
    ProviderRegistry registry = ProviderRegistry.discover();
    EmbeddingBackendProvider provider = registry.backend("sgl");
    Map<String, String> values = new HashMap<>();
    settings(Map.of()).asMap().forEach((k, v) -> values.put("sgl." + k, v));
    values.put("train.batch_size", "256");
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, DATA, 3);
      EmbeddingPipeline pipeline = EmbeddingPipeline.build(context, MapSettings.of(values),
          provider, registry.denoiser("none"), registry.denoiser("none"));
      TrainableModel model = pipeline.stages().get(0).model();
      Op step = new AdamOptimizer(0.05, false).minimize(graph, context.tf(), "adam", model.loss(),
          model.trainableVariables());
      try (Session session = new Session(graph)) {
        session.initialize();
        CurveRecorder curve = new CurveRecorder();
        SplittableRandom random = new SplittableRandom(1);
        new TrainingLoop(session, "backend", model.loss(), step, model.batches(), context.hooks(),
            List.of(curve)).run(15, epoch -> random);
        List<Double> losses = curve.reports().stream().map(EpochReport::meanLoss).toList();
        // InfoNCE starts near its floor (the two views of a node nearly agree) and the BPR part
        // falls slowly at first: ask for a clear, not a large, decrease.
        assertThat(losses.get(14)).isLessThan(losses.get(0) - 0.05);
      }
    }
  }

  @Test
  void anUnknownAugmentationNamesTheKeyAndTheChoices() {
    assertThatThrownBy(() -> SglSettings.from(settings(Map.of("augmentation", "mask"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sgl.augmentation: expected one of node_drop, edge_drop, random_walk, got 'mask'");
  }

  @Test
  void aDropRatioOfOneIsRejected() {
    assertThatThrownBy(() -> SglSettings.from(settings(Map.of("drop_ratio", "1"))))
        .hasMessage("sgl.drop_ratio: expected a value in [0, 1), got 1.0");
  }
}
