package org.ddrm.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ddrm.api.BatchSource;
import org.ddrm.api.Dataset;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.Provider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.TableBackend;
import org.ddrm.api.TrainingHook;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.UserItemMatrix;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.StageLoss;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.core.train.TrainingListener;
import org.ddrm.core.train.TrainingLoop;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A graph for a plugin's own unit tests of its graph pieces (a loss, an encoder, a layer): the
 * framework's graph context on a data set, a free-table backend and triple placeholders on first
 * use, Adam, the framework's training loop, and a deterministic session opened on first fetch
 * (after every op that needs initialising exists).
 */
public final class KitGraph implements AutoCloseable {
  /** Embedding size of {@link #tableBackend()}. */
  public static final int DIM = 16;

  private static final ConfigProto DETERMINISTIC = ConfigProto.newBuilder()
      .setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1)
      .setUsePerSessionThreads(true).build();

  private final Graph graph = new Graph();
  private final long seed;
  private final Dataset dataset;
  private final TfGraphContext context;
  private TableBackend backend;
  private TripleBatch batch;
  private final Map<Denoiser, Operand<TFloat32>> stageLosses = new HashMap<>();
  private Session session;

  private KitGraph(Dataset dataset, long seed) {
    this.seed = seed;
    this.dataset = dataset;
    this.context = new TfGraphContext(graph, dataset, seed);
  }

  /** A graph on the given data set; the run's seed is {@code seed}. */
  public static KitGraph on(Dataset dataset, long seed) {
    return new KitGraph(dataset, seed);
  }

  /** A graph on the embedded synthetic data set at the given size. */
  public static KitGraph onSynthetic(int users, int items, long seed) {
    return on(new SyntheticDataGenerator(SyntheticDataSpec.defaults().withSize(users, items))
        .generate(), seed);
  }

  public Graph graph() {
    return graph;
  }

  public TfGraphContext context() {
    return context;
  }

  public Ops tf() {
    return context.tf();
  }

  public Dataset dataset() {
    return dataset;
  }

  /**
   * Two free tables of {@value #DIM} columns starting from Java-drawn normal values (std 0.1,
   * drawn from the seed), L2 weight 1e-4; built on first use.
   */
  public TableBackend tableBackend() {
    if (backend == null) {
      SplittableRandom random = new SplittableRandom(seed);
      backend = TableBackend.startingFrom(tf().withSubScope("table_backend"),
          normal(random, dataset.numUsers()), normal(random, dataset.numItems()), 1e-4f);
    }
    return backend;
  }

  /** The triple placeholders ({@code users}, {@code positives}, {@code negatives}). */
  public TripleBatch tripleBatch() {
    if (batch == null) {
      batch = new TripleBatch(input("users"), input("positives"), input("negatives"));
    }
    return batch;
  }

  /** The provider's settings: its defaults, then {@code overrides} (keys relative to it). */
  public static MapSettings settings(Provider provider, Map<String, String> overrides) {
    return settings(provider.settings(), overrides);
  }

  /** Settings of the given specs' defaults, then {@code overrides}. */
  public static MapSettings settings(List<SettingSpec> specs, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    for (SettingSpec spec : specs) {
      values.put(spec.key(), spec.defaultValue());
    }
    values.putAll(overrides);
    return MapSettings.of(values);
  }

  /** The denoiser on {@link #tableBackend()} and {@link #tripleBatch()}. */
  public Denoiser denoiser(DenoiserProvider provider, Map<String, String> overrides) {
    return provider.build(context, settings(provider, overrides), tableBackend(), tripleBatch());
  }

  /**
   * The loss the pipeline trains a one-stage denoiser with: its own loss plus the table
   * backend's regularisation ({@link StageLoss}).
   */
  public Operand<TFloat32> stageLoss(Denoiser denoiser) {
    return stageLosses.computeIfAbsent(denoiser,
        d -> StageLoss.compose(tf(), d.loss(), tableBackend(), tripleBatch(), true));
  }

  /** Adam (locked updates) minimising {@code loss} over {@code variables}. */
  public Op minimizer(Operand<TFloat32> loss, List<Variable<TFloat32>> variables,
      double learningRate) {
    Set<Variable<TFloat32>> distinct = new LinkedHashSet<>(variables);
    return new AdamOptimizer(learningRate, true)
        .minimize(graph, tf(), "adam", loss, List.copyOf(distinct));
  }

  /** Adam over the table backend's and the denoiser's variables, on its stage loss. */
  public Op minimizer(Denoiser denoiser, double learningRate) {
    List<Variable<TFloat32>> variables = new ArrayList<>(tableBackend().variables());
    variables.addAll(denoiser.variables());
    return minimizer(stageLoss(denoiser), variables, learningRate);
  }

  /** Trains the denoiser's stage loss with triples of {@link #tripleBatch()} (512 a batch). */
  public List<Double> train(Denoiser denoiser, Op step, int epochs) {
    return train(stageLoss(denoiser), step, epochs);
  }

  /** Trains with triples of {@link #tripleBatch()} (512 a batch); each epoch's mean loss. */
  public List<Double> train(Operand<TFloat32> loss, Op step, int epochs) {
    return train(loss, step, new org.ddrm.core.train.UniformTripleSampler(
        dataset.trainMatrix(), tripleBatch(), 512), epochs);
  }

  /**
   * Trains through the framework's training loop (the context's hooks included) and returns
   * each epoch's mean loss.
   */
  public List<Double> train(Operand<TFloat32> loss, Op step, BatchSource batches, int epochs) {
    List<Double> losses = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public EpochReport onEpochEnd(EpochReport report) {
        losses.add(report.meanLoss());
        return report;
      }
    };
    SplittableRandom random = new SplittableRandom(3);
    new TrainingLoop(session(), "kit", loss, step, batches, context.hooks(), List.of(recorder))
        .run(epochs, epoch -> random);
    return losses;
  }

  /** The session, initialised on first use. */
  public Session session() {
    if (session == null) {
      session = new Session(graph, DETERMINISTIC);
      session.initialize();
    }
    return session;
  }

  /** A float output of any rank, flattened row-major. */
  public float[] fetch(Operand<TFloat32> output) {
    return fetch(output, Map.of(), List.of());
  }

  /** As {@link #fetch(Operand)}, with integer feeds. */
  public float[] fetch(Operand<TFloat32> output, Map<Operand<TInt32>, int[]> feeds) {
    return fetch(output, feeds, List.of());
  }

  /** As {@link #fetch(Operand, Map)}, with the feeds of the given hooks added, as in a step. */
  public float[] fetch(Operand<TFloat32> output, Map<Operand<TInt32>, int[]> feeds,
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
      fed.forEach(KitGraph::close);
    }
  }

  /** A matrix output as rows. */
  public float[][] fetchRows(Operand<TFloat32> output) {
    try (Result result = session().runner().fetch(output).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      int rows = (int) tensor.shape().get(0);
      int cols = (int) tensor.shape().get(1);
      float[] flat = flat(tensor);
      float[][] out = new float[rows][cols];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(flat, r * cols, out[r], 0, cols);
      }
      return out;
    }
  }

  /** {@code size} train triples (user, positive, sampled negative) of a fixed draw, as feeds. */
  public Map<Operand<TInt32>, int[]> someTriples(int size) {
    int[] users = new int[size];
    int[] positives = new int[size];
    int[] negatives = new int[size];
    SplittableRandom random = new SplittableRandom(17);
    UserItemMatrix train = dataset.trainMatrix();
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
    TripleBatch b = tripleBatch();
    return Map.of(b.users(), users, b.positives(), positives, b.negatives(), negatives);
  }

  /** A float tensor's values, flattened row-major. */
  public static float[] flat(TFloat32 tensor) {
    float[] values = new float[(int) tensor.shape().size()];
    tensor.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(values, false, false));
    return values;
  }

  private Placeholder<TInt32> input(String name) {
    return tf().withName(name).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  private static float[][] normal(SplittableRandom random, int rows) {
    float[][] values = new float[rows][DIM];
    for (float[] row : values) {
      for (int k = 0; k < DIM; k++) {
        row[k] = (float) (0.1 * random.nextGaussian());
      }
    }
    return values;
  }

  private static void close(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
