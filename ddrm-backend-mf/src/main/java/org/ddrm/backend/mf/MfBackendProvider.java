package org.ddrm.backend.mf;

import java.util.List;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/** MF-BPR: one free embedding per user and per item, scored by inner product. */
public final class MfBackendProvider implements EmbeddingBackendProvider {
  @Override
  public String name() {
    return "mf";
  }

  @Override
  public String description() {
    return "matrix factorisation trained with BPR (Rendle et al. 2009)";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("dim", "64", "embedding size"),
        new SettingSpec("reg", "0.0001", "L2 weight on the batch's user, positive and negative embeddings"),
        new SettingSpec("init_std", "0.1", "standard deviation of the normal initial embeddings"));
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    int dim = settings.getInt("dim");
    float std = (float) settings.getDouble("init_std");
    Ops tf = graph.tf().withSubScope("mf");
    Variable<TFloat32> users = table(graph, tf, "user_embedding", graph.dataset().numUsers(), dim, std);
    Variable<TFloat32> items = table(graph, tf, "item_embedding", graph.dataset().numItems(), dim, std);
    return new MfBackend(tf, users, items, dim, (float) settings.getDouble("reg"));
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

  private static final class MfBackend implements EmbeddingBackend {
    private final Ops tf;
    private final Variable<TFloat32> users;
    private final Variable<TFloat32> items;
    private final Operand<TFloat32> userView;
    private final Operand<TFloat32> itemView;
    private final int dim;
    private final float reg;

    MfBackend(Ops tf, Variable<TFloat32> users, Variable<TFloat32> items, int dim, float reg) {
      this.tf = tf;
      this.users = users;
      this.items = items;
      // Variables are read through identity: some ops fed a variable directly crash addGradients.
      this.userView = tf.identity(users);
      this.itemView = tf.identity(items);
      this.dim = dim;
      this.reg = reg;
    }

    @Override
    public Operand<TFloat32> userEmbeddings() {
      return userView;
    }

    @Override
    public Operand<TFloat32> itemEmbeddings() {
      return itemView;
    }

    @Override
    public int dimension() {
      return dim;
    }

    @Override
    public Operand<TFloat32> regularization(TripleBatch batch) {
      return RankingOps.l2(tf, reg, batch.users(),
          RankingOps.rows(tf, userView, batch.users()),
          RankingOps.rows(tf, itemView, batch.positives()),
          RankingOps.rows(tf, itemView, batch.negatives()));
    }

    @Override
    public List<Variable<TFloat32>> variables() {
      return List.of(users, items);
    }
  }
}
