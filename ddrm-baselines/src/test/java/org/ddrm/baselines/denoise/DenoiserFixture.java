package org.ddrm.baselines.denoise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.TableBackend;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.TrainingHook;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.core.train.TrainingListener;
import org.ddrm.core.train.TrainingLoop;
import org.ddrm.core.train.UniformTripleSampler;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A graph for denoiser tests: a small synthetic data set (the embedded generator, scaled down),
 * a {@link TableBackend} starting from Java-drawn normal values, triple placeholders, and a session opened on first use.
 */
final class DenoiserFixture implements AutoCloseable {
  static final int DIM = 16;

  final Graph graph;
  final TfGraphContext context;
  final Ops tf;
  final Dataset dataset;
  final TableBackend backend;
  final TripleBatch batch;
  private Session session;

  DenoiserFixture(long seed) {
    this.graph = new Graph();
    this.dataset = new SyntheticDataGenerator(SyntheticDataSpec.defaults().withSize(300, 200))
        .generate();
    this.context = new TfGraphContext(graph, dataset, seed);
    this.tf = context.tf();
    SplittableRandom random = new SplittableRandom(seed);
    this.backend = TableBackend.startingFrom(tf.withSubScope("table_backend"),
        normal(random, dataset.numUsers()), normal(random, dataset.numItems()), 1e-4f);
    this.batch = new TripleBatch(input("users"), input("positives"), input("negatives"));
  }

  /** Java-drawn normal values with std 0.1, rows x {@link #DIM}. */
  private static float[][] normal(SplittableRandom random, int rows) {
    float[][] values = new float[rows][DIM];
    for (float[] row : values) {
      for (int k = 0; k < DIM; k++) {
        row[k] = (float) (0.1 * random.nextGaussian());
      }
    }
    return values;
  }

  private Placeholder<TInt32> input(String name) {
    return tf.withName(name).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  /** Builds the provider's denoiser with its defaults and the given overrides. */
  Denoiser build(DenoiserProvider provider, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    for (SettingSpec spec : provider.settings()) {
      values.put(spec.key(), spec.defaultValue());
    }
    values.putAll(overrides);
    return provider.build(context, MapSettings.of(values), backend, batch);
  }

  /**
   * Adds Adam over the backend's and the denoiser's variables; call before the first fetch, so
   * that the session initialises the optimiser's slots.
   */
  Op minimizer(Denoiser denoiser, double learningRate) {
    Set<Variable<TFloat32>> variables = new LinkedHashSet<>(backend.variables());
    variables.addAll(denoiser.variables());
    return new AdamOptimizer(learningRate, true)
        .minimize(graph, tf, "adam", denoiser.loss(), List.copyOf(variables));
  }

  /**
   * Trains with the given step through the framework's training loop (its hooks included) and
   * returns each epoch's mean loss.
   */
  List<Double> train(Denoiser denoiser, Op step, int epochs) {
    List<Double> losses = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public EpochReport onEpochEnd(EpochReport report) {
        losses.add(report.meanLoss());
        return report;
      }
    };
    SplittableRandom random = new SplittableRandom(3);
    new TrainingLoop(session(), "backend", denoiser.loss(), step,
        new UniformTripleSampler(dataset.trainMatrix(), batch, 512), context.hooks(),
        List.of(recorder)).run(epochs, epoch -> random);
    return losses;
  }

  /** The session, initialised on first use (after every op that needs initialising exists). */
  Session session() {
    if (session == null) {
      session = new Session(graph);
      session.initialize();
    }
    return session;
  }

  /** Fetches a float tensor of any rank as a flat array, with the given integer feeds. */
  float[] fetch(Operand<TFloat32> output, Map<Operand<TInt32>, int[]> feeds) {
    return fetch(output, feeds, List.of());
  }

  /** As {@link #fetch(Operand, Map)}, with the feeds of the given hooks added, as in a step. */
  float[] fetch(Operand<TFloat32> output, Map<Operand<TInt32>, int[]> feeds,
      List<TrainingHook> hooks) {
    Session.Runner runner = session().runner();
    List<AutoCloseable> fed = new ArrayList<>();
    feeds.forEach((input, values) -> {
      TInt32 tensor = TInt32.vectorOf(values);
      runner.feed(input, tensor);
      fed.add(tensor);
    });
    hooks.forEach(hook -> fed.add(hook.feed(runner)));
    try (Result result = runner.fetch(output).run()) {
      return flat((TFloat32) result.get(0));
    } finally {
      fed.forEach(DenoiserFixture::close);
    }
  }

  private static void close(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static float[] flat(TFloat32 tensor) {
    float[] values = new float[(int) tensor.shape().size()];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  /** The first {@code size} train triples of a fixed sampler epoch, as feeds. */
  Map<Operand<TInt32>, int[]> someTriples(int size) {
    int[] users = new int[size];
    int[] positives = new int[size];
    int[] negatives = new int[size];
    SplittableRandom random = new SplittableRandom(17);
    var train = dataset.trainMatrix();
    for (int k = 0; k < size; k++) {
      int user;
      do {
        user = random.nextInt(train.numUsers());
      } while (train.degree(user) == 0);
      users[k] = user;
      positives[k] = train.item(user, random.nextInt(train.degree(user)));
      int negative;
      do {
        negative = random.nextInt(train.numItems());
      } while (train.contains(user, negative));
      negatives[k] = negative;
    }
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
