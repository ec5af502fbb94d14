package com.example.ddrm.backend;

import java.util.List;
import java.util.SplittableRandom;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@code item-bias-mf}: matrix factorisation with a learned per-item bias, so that a score is
 * {@code <u, i> + b_i}. The bias rides in the embeddings as one more column (users 1, items
 * {@code b_i}), so every denoiser and the shared evaluator use it without knowing of it.
 */
public final class ItemBiasMfProvider implements EmbeddingBackendProvider {
  @Override
  public String name() {
    return "item-bias-mf";
  }

  @Override
  public String description() {
    return "MF-BPR with a learned item bias (an example third-party backend)";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("dim", "32", "embedding size (the bias adds one column)").positive(),
        new SettingSpec("reg", "0.0001", "L2 weight on the batch's rows and biases").nonNegative(),
        new SettingSpec("init_std", "0.1", "standard deviation of the initial tables").positive());
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    Ops tf = graph.tf().withSubScope("item_bias_mf");
    int dim = settings.getInt("dim");
    double std = settings.getDouble("init_std");
    int users = graph.dataset().numUsers();
    int items = graph.dataset().numItems();
    // The run's seed reaches the initial values through graph.nextSeed().
    SplittableRandom random = new SplittableRandom(graph.nextSeed());
    Variable<TFloat32> userTable =
        tf.withName("users").variable(tf.constant(normal(random, users, dim, std)));
    Variable<TFloat32> itemTable =
        tf.withName("items").variable(tf.constant(normal(random, items, dim, std)));
    Variable<TFloat32> itemBias = tf.withName("item_bias").variable(tf.constant(new float[items][1]));
    return new ItemBiasMf(tf, userTable, itemTable, itemBias, users, dim,
        (float) settings.getDouble("reg"));
  }

  private static float[][] normal(SplittableRandom random, int rows, int dim, double std) {
    float[][] values = new float[rows][dim];
    for (float[] row : values) {
      for (int k = 0; k < dim; k++) {
        row[k] = (float) (std * random.nextGaussian());
      }
    }
    return values;
  }
}
