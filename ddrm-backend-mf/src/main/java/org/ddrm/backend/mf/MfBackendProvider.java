package org.ddrm.backend.mf;

import java.util.List;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TableBackend;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/** MF-BPR: one free embedding per user and per item, scored by inner product. */
public final class MfBackendProvider implements EmbeddingBackendProvider {
  private static final String NAME = "mf";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<Integer> DIM =
      KEYS.add(Setting.integer(new SettingSpec("dim", "64", "embedding size").atLeast(1)));
  private static final Setting<Double> REG = KEYS.add(Setting.number(new SettingSpec("reg",
      "0.0001", "L2 weight on the batch's user, positive and negative embeddings").nonNegative()));
  private static final Setting<Double> INIT_STD = KEYS.add(Setting.number(new SettingSpec(
      "init_std", "0.1", "standard deviation of the normal initial embeddings").positive()));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "matrix factorisation trained with BPR (Rendle et al. 2009)";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    int dim = DIM.read(NAME, settings);
    float std = INIT_STD.read(NAME, settings).floatValue();
    Ops tf = graph.tf().withSubScope("mf");
    Variable<TFloat32> users = table(graph, tf, "user_embedding", graph.dataset().numUsers(), dim, std);
    Variable<TFloat32> items = table(graph, tf, "item_embedding", graph.dataset().numItems(), dim, std);
    return new TableBackend(tf, users, items, dim, REG.read(NAME, settings).floatValue());
  }

  private static Variable<TFloat32> table(ModelGraph graph, Ops tf, String name, int rows, int dim,
      float std) {
    long seed = graph.nextSeed();
    Operand<TFloat32> init = tf.math.mul(
        tf.random.randomStandardNormal(tf.constant(Shape.of(rows, dim)), TFloat32.class,
            RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed >>> 17)),
        tf.constant(std));
    return tf.withName(name).variable(init);
  }
}
