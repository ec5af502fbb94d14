package org.ddrm.core.bpr;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The {@code none} denoiser: the backend trained with plain BPR and scored by inner product. */
public final class NoneDenoiserProvider implements DenoiserProvider {
  @Override
  public String name() {
    return "none";
  }

  @Override
  public String description() {
    return "no denoising: plain BPR on the backend's embeddings";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of();
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    Ops tf = graph.tf().withSubScope("bpr");
    Operand<TFloat32> users = RankingOps.rows(tf, backend.userEmbeddings(), batch.users());
    Operand<TFloat32> positives = RankingOps.rows(tf, backend.itemEmbeddings(), batch.positives());
    Operand<TFloat32> negatives = RankingOps.rows(tf, backend.itemEmbeddings(), batch.negatives());
    Operand<TFloat32> bpr = tf.math.mean(
        RankingOps.bprPerExample(tf, RankingOps.dot(tf, users, positives),
            RankingOps.dot(tf, users, negatives)),
        tf.constant(0));
    return new BprDenoiser(graph.tf(), backend, bpr);
  }

  private record BprDenoiser(Ops tf, EmbeddingBackend backend, Operand<TFloat32> loss)
      implements Denoiser {
    @Override
    public List<Variable<TFloat32>> variables() {
      return List.of();
    }

    @Override
    public boolean freezesBackend() {
      return false;
    }

    /** The backend's own belief in an interaction: sigmoid of the user-item inner product. */
    @Override
    public Optional<Operand<TFloat32>> interactionScores(Operand<TInt32> users,
        Operand<TInt32> items) {
      return Optional.of(tf.math.sigmoid(RankingOps.dot(tf,
          RankingOps.rows(tf, backend.userEmbeddings(), users),
          RankingOps.rows(tf, backend.itemEmbeddings(), items))));
    }

    @Override
    public Operand<TFloat32> scores(Operand<TInt32> users) {
      return RankingOps.innerProductScores(
          tf, RankingOps.rows(tf, backend.userEmbeddings(), users), backend.itemEmbeddings());
    }

    /** The backend's final tables, so that a graph backend propagates once per evaluation. */
    @Override
    public Optional<UserItemTables> scoringFactors() {
      return Optional.of(new UserItemTables(backend.userEmbeddings(), backend.itemEmbeddings()));
    }
  }
}
