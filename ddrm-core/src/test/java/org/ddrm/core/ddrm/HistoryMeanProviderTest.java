package org.ddrm.core.ddrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ddrm.api.Dataset;
import org.ddrm.api.Denoiser;
import org.ddrm.api.Interactions;
import org.ddrm.api.TableBackend;
import org.ddrm.api.TripleBatch;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.train.TfGraphContext;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class HistoryMeanProviderTest {
  /** u0 = {0, 1}, u1 = {2}, u2 = {0, 1, 2}; three items of dimension 2. */
  private static final Dataset TINY = Dataset.of("tiny", 3, 3,
      Interactions.of(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 2, 0, 1, 2}),
      Interactions.empty(), Interactions.empty());
  private static final float[][] USERS = {{9, 9}, {9, 9}, {9, 9}};
  private static final float[][] ITEMS = {{1, 0}, {0, 2}, {3, -1}};

  @Test
  void scoresAreTheMeanTrainItemEmbeddingTimesEveryItem() {
    // u0: mean (0.5, 1) -> items (0.5, 2, 0.5); u1: (3, -1) -> (3, -2, 10);
    // u2: mean (4/3, 1/3) -> (4/3, 2/3, 11/3). The user table plays no part.
    float[] scores = historyMeanScores(Map.of("propagation_layers", "0"), new int[] {0, 1, 2});
    assertThat(scores).containsExactly(new float[] {
        0.5f, 2f, 0.5f,
        3f, -2f, 10f,
        4f / 3, 2f / 3, 11f / 3}, within(1e-6f));
  }

  @Test
  void propagatedScoresEqualTheDdrmDenoisersStartingPoint() {
    Map<String, String> propagation =
        Map.of("propagation_layers", "2", "propagation_pooling", "normalized_sum");
    float[] historyMean = historyMeanScores(propagation, new int[] {0, 1, 2});
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      Ops tf = context.tf();
      Map<String, String> ddrm = new java.util.HashMap<>(DdrmFixture.SMALL);
      ddrm.putAll(propagation);
      DdrmDenoiser denoiser = (DdrmDenoiser) new DdrmDenoiserProvider()
          .build(context, DdrmFixture.settings(ddrm), backend(tf), batch(tf));
      Placeholder<TInt32> users = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> start = denoiser.startingScores().orElseThrow().apply(users);
      try (Session session = new Session(graph)) {
        session.initialize();
        context.hooks().forEach(h -> h.beforeEpoch(1, session, new java.util.SplittableRandom(1)));
        assertThat(fetch(session, start, users, new int[] {0, 1, 2}))
            .containsExactly(historyMean, within(1e-5f));
      }
    }
  }

  @Test
  void itFreezesTheBackendAndHasNothingToTrain() {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      Denoiser scorer = build(context, Map.of());
      assertThat(scorer.freezesBackend()).isTrue();
      assertThat(scorer.variables()).isEmpty();
      assertThat(scorer.startingScores()).isEmpty();
      assertThatThrownBy(scorer::loss).hasMessageContaining("history-mean has nothing to train");
    }
  }

  @Test
  void badPoolingNamesTheProvidersKey() {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      assertThatThrownBy(() -> build(context, Map.of("propagation_pooling", "max")))
          .hasMessage("history-mean.propagation_pooling: expected one of mean, normalized_sum,"
              + " sum, got 'max'");
    }
  }

  @Test
  void itDeclaresDdrmsPropagationKeysWithDdrmsDefaults() {
    assertThat(new HistoryMeanProvider().settings())
        .containsExactly(DdrmSettings.PROPAGATION_LAYERS.spec(),
            DdrmSettings.PROPAGATION_POOLING.spec());
    assertThat(new HistoryMeanProvider().settings()).extracting(s -> s.defaultValue())
        .containsExactly("4", "mean");
  }

  private static float[] historyMeanScores(Map<String, String> overrides, int[] ids) {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, TINY, 1);
      Denoiser scorer = build(context, overrides);
      Placeholder<TInt32> users =
          context.tf().placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> scores = scorer.scores(users);
      try (Session session = new Session(graph)) {
        session.initialize();
        return fetch(session, scores, users, ids);
      }
    }
  }

  private static Denoiser build(TfGraphContext context, Map<String, String> overrides) {
    Map<String, String> values = new java.util.HashMap<>();
    new HistoryMeanProvider().settings().forEach(s -> values.put(s.key(), s.defaultValue()));
    values.putAll(overrides);
    Ops tf = context.tf();
    return new HistoryMeanProvider().build(context, MapSettings.of(values), backend(tf), batch(tf));
  }

  private static TableBackend backend(Ops tf) {
    return TableBackend.startingFrom(tf.withSubScope("fixed"), USERS, ITEMS, 0f);
  }

  private static TripleBatch batch(Ops tf) {
    return new TripleBatch(placeholder(tf), placeholder(tf), placeholder(tf));
  }

  private static Placeholder<TInt32> placeholder(Ops tf) {
    return tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  private static float[] fetch(Session session, Operand<TFloat32> output,
      Placeholder<TInt32> users, int[] ids) {
    try (TInt32 fed = TInt32.vectorOf(ids);
        Result result = session.runner().feed(users, fed).fetch(output).run()) {
      return DdrmFixture.flat((TFloat32) result.get(0));
    }
  }
}
