package org.ddrm.eval.run;

import java.util.List;
import java.util.SplittableRandom;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/**
 * A test-only backend unlike MF, found through {@code META-INF/services} of this test module:
 * every id is hashed into two of {@code buckets} feature buckets, and its embedding is the sum of
 * the buckets' trainable vectors ({@code E = F W}, F a fixed 0/1 matrix), so ids share
 * parameters. It proves that DDRM needs nothing of a backend but the SPI.
 */
public final class HashedFeatureBackendProvider implements EmbeddingBackendProvider {
  @Override
  public String name() {
    return "test-hashed";
  }

  @Override
  public String description() {
    return "test backend: ids hashed into shared feature buckets";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(new SettingSpec("dim", "8", "embedding size"),
        new SettingSpec("buckets", "64", "feature buckets per side"));
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    Ops tf = graph.tf().withSubScope("hashed");
    int dim = settings.getInt("dim");
    int buckets = settings.getInt("buckets");
    SplittableRandom random = new SplittableRandom(graph.nextSeed());
    Side users = new Side(tf, "user", graph.dataset().numUsers(), buckets, dim, random, graph.nextSeed());
    Side items = new Side(tf, "item", graph.dataset().numItems(), buckets, dim, random, graph.nextSeed());
    return new EmbeddingBackend() {
      @Override
      public Operand<TFloat32> userEmbeddings() {
        return users.embeddings;
      }

      @Override
      public Operand<TFloat32> itemEmbeddings() {
        return items.embeddings;
      }

      @Override
      public int dimension() {
        return dim;
      }

      @Override
      public Operand<TFloat32> regularization(TripleBatch batch) {
        return RankingOps.l2(tf, 1e-4f, batch.users(), users.weightView, items.weightView);
      }

      @Override
      public List<Variable<TFloat32>> variables() {
        return List.of(users.weights, items.weights);
      }
    };
  }

  /** One side's fixed feature matrix and trainable bucket vectors. */
  private static final class Side {
    final Variable<TFloat32> weights;
    /** The weights read through identity: a variable fed straight to some ops crashes addGradients. */
    final Operand<TFloat32> weightView;
    final Operand<TFloat32> embeddings;

    Side(Ops tf, String name, int rows, int buckets, int dim, SplittableRandom random, long seed) {
      float[] features = new float[rows * buckets];
      for (int r = 0; r < rows; r++) {
        features[r * buckets + random.nextInt(buckets)] = 1;
        features[r * buckets + random.nextInt(buckets)] = 1;
      }
      Operand<TFloat32> featureMatrix =
          tf.constant(Shape.of(rows, buckets), DataBuffers.of(features, true, false));
      weights = tf.withName(name + "_buckets").variable(tf.math.mul(
          tf.random.randomStandardNormal(tf.constant(new long[] {buckets, dim}), TFloat32.class,
              RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed >>> 17)),
          tf.constant(0.1f)));
      weightView = tf.identity(weights);
      embeddings = tf.linalg.matMul(featureMatrix, weightView);
    }
  }
}
