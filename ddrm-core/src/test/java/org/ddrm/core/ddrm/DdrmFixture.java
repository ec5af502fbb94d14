package org.ddrm.core.ddrm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.TableBackend;
import org.ddrm.api.TripleBatch;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.train.TfGraphContext;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A small DDRM graph for tests: a two-cluster data set, a {@link TableBackend} starting from fixed Java-drawn values, triple
 * placeholders and the denoiser built by the provider with test-sized settings.
 */
final class DdrmFixture implements AutoCloseable {
  static final int USERS = 24;
  static final int ITEMS = 30;
  static final int DIM = 8;

  /** Small settings on top of the provider's defaults. */
  static final Map<String, String> SMALL = Map.of(
      "hidden", "32",
      "steps", "5",
      "inference_steps", "5",
      "propagation_layers", "0",
      "step_embedding_dim", "4",
      "attention_tokens", "4",
      "attention_width", "6");

  final Graph graph;
  final TfGraphContext context;
  final Ops tf;
  final Dataset dataset;
  final float[][] userValues;
  final float[][] itemValues;
  final TableBackend backend;
  final TripleBatch batch;
  final DdrmDenoiser denoiser;
  private Session session;

  private DdrmFixture(long seed, Map<String, String> overrides) {
    this.graph = new Graph();
    this.dataset = twoClusters();
    this.context = new TfGraphContext(graph, dataset, seed);
    this.tf = context.tf();
    SplittableRandom random = new SplittableRandom(99);
    this.userValues = normal(random, USERS, 0.5);
    this.itemValues = normal(random, ITEMS, 0.5);
    this.backend = TableBackend.startingFrom(tf.withSubScope("fixed_backend"), userValues,
        itemValues, 1e-4f);
    this.batch = new TripleBatch(input("users"), input("positives"), input("negatives"));
    this.denoiser = (DdrmDenoiser) new DdrmDenoiserProvider()
        .build(context, settings(overrides), backend, batch);
  }

  /** Java-drawn normal values, rows x {@link #DIM}. */
  static float[][] normal(SplittableRandom random, int rows, double std) {
    float[][] values = new float[rows][DIM];
    for (float[] row : values) {
      for (int k = 0; k < DIM; k++) {
        row[k] = (float) (std * random.nextGaussian());
      }
    }
    return values;
  }

  static DdrmFixture build(long seed, Map<String, String> overrides) {
    return new DdrmFixture(seed, overrides);
  }

  /** The provider's defaults, then {@link #SMALL}, then the overrides. */
  static MapSettings settings(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    for (SettingSpec spec : new DdrmDenoiserProvider().settings()) {
      values.put(spec.key(), spec.defaultValue());
    }
    values.putAll(SMALL);
    values.putAll(overrides);
    return MapSettings.of(values);
  }

  /** Users 0..11 interact with items 0..14, users 12..23 with items 15..29; 6 train items each. */
  static Dataset twoClusters() {
    SplittableRandom random = new SplittableRandom(5);
    int[] users = new int[USERS * 6];
    int[] items = new int[USERS * 6];
    int k = 0;
    for (int u = 0; u < USERS; u++) {
      int offset = u < USERS / 2 ? 0 : ITEMS / 2;
      boolean[] taken = new boolean[ITEMS / 2];
      for (int n = 0; n < 6; n++) {
        int i;
        do {
          i = random.nextInt(ITEMS / 2);
        } while (taken[i]);
        taken[i] = true;
        users[k] = u;
        items[k++] = offset + i;
      }
    }
    return Dataset.of("two-clusters", USERS, ITEMS, Interactions.of(users, items),
        Interactions.empty(), Interactions.empty());
  }

  private Placeholder<TInt32> input(String name) {
    return tf.withName(name).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  /** The session, initialised and with every training hook run once. */
  Session session() {
    if (session == null) {
      session = new Session(graph);
      session.initialize();
      context.hooks().forEach(h -> h.beforeEpoch(1, session, new SplittableRandom(1)));
    }
    return session;
  }

  /** Fetches a float tensor of any rank as a flat array, with the given feeds. */
  float[] fetch(Operand<TFloat32> output, Map<Operand<TInt32>, int[]> feeds) {
    Session.Runner runner = session().runner();
    List<TInt32> fed = feeds.entrySet().stream().map(e -> {
      TInt32 tensor = TInt32.vectorOf(e.getValue());
      runner.feed(e.getKey(), tensor);
      return tensor;
    }).toList();
    try (Result result = runner.fetch(output).run()) {
      return flat((TFloat32) result.get(0));
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  static float[] flat(TFloat32 tensor) {
    float[] values = new float[(int) tensor.shape().size()];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  /** The values as a list, for element-wise assertions. */
  static List<Float> list(float[] values) {
    List<Float> list = new java.util.ArrayList<>(values.length);
    for (float v : values) {
      list.add(v);
    }
    return list;
  }

  /** Scores of the users over all items, built as a new scoring branch. */
  float[][] scores(int[] users) {
    Placeholder<TInt32> input = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    float[] flat = fetch(denoiser.scores(input), Map.of(input, users));
    float[][] rows = new float[users.length][ITEMS];
    for (int r = 0; r < users.length; r++) {
      System.arraycopy(flat, r * ITEMS, rows[r], 0, ITEMS);
    }
    return rows;
  }

  /** Feeds for a fixed batch of triples. */
  Map<Operand<TInt32>, int[]> triples(int[] users, int[] positives, int[] negatives) {
    return Map.of(batch.users(), users, batch.positives(), positives, batch.negatives(), negatives);
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
