package org.ddrm.testkit;

import java.util.List;
import java.util.SplittableRandom;
import org.ddrm.api.BatchSource;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TableBackend;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Plugins with one deliberate fault each, which the kit must catch. */
public final class BrokenPlugins {
  private BrokenPlugins() {}

  /** A sound backend of two free tables drawn from the run's seed. */
  public static class SoundBackendProvider implements EmbeddingBackendProvider {
    @Override
    public String name() {
      return "kit-sound";
    }

    @Override
    public String description() {
      return "two free tables";
    }

    @Override
    public List<SettingSpec> settings() {
      return List.of(new SettingSpec("dim", "8", "embedding size").positive());
    }

    long initialiserSeed(ModelGraph graph) {
      return graph.nextSeed();
    }

    @Override
    public EmbeddingBackend build(ModelGraph graph, Settings settings) {
      SplittableRandom random = new SplittableRandom(initialiserSeed(graph));
      int dim = settings.getInt("dim");
      return TableBackend.startingFrom(graph.tf().withSubScope(name().replace('-', '_')),
          normal(random, graph.dataset().numUsers(), dim),
          normal(random, graph.dataset().numItems(), dim), 1e-4f);
    }
  }

  /** Listed nowhere in META-INF/services (only in the class path the test runs on). */
  static final class UnlistedBackendProvider extends SoundBackendProvider {
    @Override
    public String name() {
      return "kit-unlisted";
    }
  }

  /** Draws its tables from a fixed seed: the run's seed never reaches the initialiser. */
  static final class FixedSeedBackendProvider extends SoundBackendProvider {
    @Override
    public String name() {
      return "kit-fixed-seed";
    }

    @Override
    long initialiserSeed(ModelGraph graph) {
      return 42;
    }
  }

  /** A BPR denoiser whose loss is built by {@link #loss}, scored by the backend. */
  abstract static class BprDenoiserProvider implements DenoiserProvider {
    @Override
    public String description() {
      return "BPR on the backend's tables";
    }

    @Override
    public List<SettingSpec> settings() {
      return List.of();
    }

    abstract Operand<TFloat32> loss(Ops tf, Operand<TFloat32> bpr, EmbeddingBackend backend,
        TripleBatch batch);

    @Override
    public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
        TripleBatch batch) {
      Ops tf = graph.tf();
      Operand<TFloat32> users = RankingOps.rows(tf, backend.userEmbeddings(), batch.users());
      Operand<TFloat32> bpr = tf.math.mean(RankingOps.bprPerExample(tf,
          RankingOps.dot(tf, users, RankingOps.rows(tf, backend.itemEmbeddings(), batch.positives())),
          RankingOps.dot(tf, users, RankingOps.rows(tf, backend.itemEmbeddings(), batch.negatives()))),
          tf.constant(0));
      Operand<TFloat32> loss = loss(tf, bpr, backend, batch);
      return new Denoiser() {
        @Override
        public Operand<TFloat32> loss() {
          return loss;
        }

        @Override
        public List<Variable<TFloat32>> variables() {
          return List.of();
        }

        @Override
        public boolean freezesBackend() {
          return false;
        }

        @Override
        public Operand<TFloat32> scores(Operand<TInt32> ids) {
          return RankingOps.innerProductScores(tf, RankingOps.rows(tf, backend.userEmbeddings(), ids),
              backend.itemEmbeddings());
        }
      };
    }
  }

  /**
   * Wants "plain BPR" and overrides the composed loss: it takes the backend's terms back out, so
   * SGL's InfoNCE never trains.
   */
  static final class AuxiliaryDroppingDenoiserProvider extends BprDenoiserProvider {
    @Override
    public String name() {
      return "kit-drops-auxiliary";
    }

    @Override
    Operand<TFloat32> loss(Ops tf, Operand<TFloat32> bpr, EmbeddingBackend backend,
        TripleBatch batch) {
      Operand<TFloat32> withoutRegularization = tf.math.sub(bpr, backend.regularization(batch));
      return backend.auxiliaryLoss(batch)
          .<Operand<TFloat32>>map(aux -> tf.math.sub(withoutRegularization, aux))
          .orElse(withoutRegularization);
    }
  }

  /** Written to the old contract: adds the backend's terms itself, so they count twice. */
  static final class DoubleCountingDenoiserProvider extends BprDenoiserProvider {
    @Override
    public String name() {
      return "kit-double-counts";
    }

    @Override
    Operand<TFloat32> loss(Ops tf, Operand<TFloat32> bpr, EmbeddingBackend backend,
        TripleBatch batch) {
      Operand<TFloat32> total = tf.math.add(bpr, backend.regularization(batch));
      return backend.auxiliaryLoss(batch).<Operand<TFloat32>>map(aux -> tf.math.add(total, aux))
          .orElse(total);
    }
  }

  /**
   * A recommender whose loss does not fall: the scores reach the loss only through
   * {@code stopGradient}, so Adam's steps never move it.
   */
  static final class CutGradientRecommenderProvider implements RecommenderProvider {
    @Override
    public String name() {
      return "kit-cut-gradient";
    }

    @Override
    public String description() {
      return "item popularity weights behind a stopGradient";
    }

    @Override
    public List<SettingSpec> settings() {
      return List.of();
    }

    @Override
    public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
      Ops tf = graph.tf().withSubScope("cut_gradient");
      int items = graph.dataset().numItems();
      float[] initial = new float[items];
      SplittableRandom random = new SplittableRandom(graph.nextSeed());
      for (int i = 0; i < items; i++) {
        initial[i] = (float) random.nextGaussian();
      }
      Variable<TFloat32> weights = tf.withName("weights").variable(tf.constant(initial));
      Operand<TFloat32> cut = tf.stopGradient(weights);
      Operand<TFloat32> loss = tf.math.add(
          tf.math.mean(tf.math.square(cut), tf.constant(0)),
          tf.math.mul(tf.constant(0f), tf.reduceSum(weights, tf.constant(0))));
      return new TrainableModel() {
        @Override
        public Operand<TFloat32> loss() {
          return loss;
        }

        @Override
        public List<Variable<TFloat32>> trainableVariables() {
          return List.of(weights);
        }

        @Override
        public BatchSource batches() {
          return new OneStepPerEpoch();
        }

        @Override
        public Operand<TFloat32> scores(Operand<TInt32> users) {
          Operand<TInt32> rows = tf.shape(users);
          return tf.tile(tf.expandDims(weights, tf.constant(0)),
              tf.concat(List.of(rows, tf.constant(new int[] {1})), tf.constant(0)));
        }
      };
    }
  }

  /** One step per epoch, nothing fed. */
  static final class OneStepPerEpoch implements BatchSource {
    @Override
    public int batchesPerEpoch() {
      return 1;
    }

    @Override
    public long examplesPerEpoch() {
      return 1;
    }

    @Override
    public void startEpoch(java.util.random.RandomGenerator random) {}

    @Override
    public AutoCloseable feedNext(Session.Runner runner) {
      return () -> {};
    }
  }

  static float[][] normal(SplittableRandom random, int rows, int dim) {
    float[][] values = new float[rows][dim];
    for (float[] row : values) {
      for (int k = 0; k < dim; k++) {
        row[k] = (float) (0.1 * random.nextGaussian());
      }
    }
    return values;
  }
}
