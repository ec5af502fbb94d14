package org.ddrm.baselines.recommender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.TrainableModel;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.core.train.TrainingListener;
import org.ddrm.core.train.TrainingLoop;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A recommender built by its provider on a small synthetic data set (200 users, 120 items), with
 * Adam and the core training loop, for tests.
 */
final class RecommenderFixture implements AutoCloseable {
  static final Dataset DATA = new SyntheticDataGenerator(
      SyntheticDataSpec.defaults().withSize(200, 120)).generate();

  final Graph graph = new Graph();
  final TfGraphContext context;
  final TrainableModel model;
  private final Op step;
  private final Placeholder<TInt32> users;
  private final Operand<TFloat32> scores;
  private final Session session;

  RecommenderFixture(RecommenderProvider provider, Map<String, String> overrides, int batchSize,
      double learningRate) {
    this(provider, overrides, batchSize, learningRate, false);
  }

  /**
   * One intra- and inter-op thread in pools of the session's own. TensorFlow otherwise shares
   * the pools the process's first session created, so a later single-threaded config would still
   * run reductions on several threads.
   */
  private static final ConfigProto SINGLE_THREADED = ConfigProto.newBuilder()
      .setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1)
      .setUsePerSessionThreads(true).build();

  /**
   * @param deterministic one thread in the session's own pools and locked updates (the run's
   *     {@code tf.deterministic}), so that equal seeds give bit-identical numbers
   */
  RecommenderFixture(RecommenderProvider provider, Map<String, String> overrides, int batchSize,
      double learningRate, boolean deterministic) {
    context = new TfGraphContext(graph, DATA, 7);
    model = provider.build(context, settings(provider, overrides), batchSize);
    step = new AdamOptimizer(learningRate, true)
        .minimize(graph, context.tf(), "adam", model.loss(), model.trainableVariables());
    users = context.tf().placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    scores = model.scores(users);
    session = deterministic ? new Session(graph, SINGLE_THREADED) : new Session(graph);
    session.initialize();
  }

  /** The provider's defaults, then the overrides. */
  static MapSettings settings(RecommenderProvider provider, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    for (SettingSpec spec : provider.settings()) {
      values.put(spec.key(), spec.defaultValue());
    }
    values.putAll(overrides);
    return MapSettings.of(values);
  }

  /** Trains for the given epochs through the core loop; returns each epoch's mean loss. */
  List<Double> train(int epochs) {
    List<Double> losses = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public EpochReport onEpochEnd(EpochReport report) {
        losses.add(report.meanLoss());
        return report;
      }
    };
    SplittableRandom random = new SplittableRandom(3);
    new TrainingLoop(session, "test", model.loss(), step, model.batches(), context.hooks(),
        List.of(recorder)).run(epochs, epoch -> random);
    return losses;
  }

  /** The values of an output that needs no feeds, flattened row-major. */
  float[] fetch(Operand<TFloat32> output) {
    try (Result result = session.runner().fetch(output).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] values = new float[(int) tensor.shape().size()];
      tensor.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  /** The model's scores of the given users, row-major [users, items]. */
  float[] scores(int... ids) {
    try (TInt32 fed = TInt32.vectorOf(ids)) {
      Session.Runner runner = session.runner().feed(users, fed).fetch(scores);
      try (AutoCloseable extra = model.feedScoring(ids, runner); Result result = runner.run()) {
        float[] values = new float[ids.length * DATA.numItems()];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
        return values;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
