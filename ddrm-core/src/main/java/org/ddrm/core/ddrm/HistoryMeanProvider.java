package org.ddrm.core.ddrm;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.Pooling;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The {@code history-mean} scorer: DDRM's starting point as a model of its own. Each user is
 * the mean of their train-item embeddings, scored by inner product with the item table; the
 * tables are the frozen backend's, propagated as {@code ddrm} propagates them (same keys, same
 * defaults). Nothing trains after the backend stage, which the backend cache shares with the
 * plain backend and DDRM runs of the same settings.
 */
public final class HistoryMeanProvider implements DenoiserProvider {
  /** The provider's name and settings prefix. */
  public static final String NAME = "history-mean";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "DDRM's starting point without a denoiser: each user's mean train-item embedding"
        + " scored against the frozen backend's (optionally propagated) item table";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(DdrmSettings.PROPAGATION_LAYERS.spec(),
        DdrmSettings.PROPAGATION_POOLING.spec());
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    int layers = DdrmSettings.PROPAGATION_LAYERS.read(NAME, settings);
    Pooling pooling = DdrmSettings.PROPAGATION_POOLING.read(NAME, settings);
    Ops tf = graph.tf().withSubScope("history_mean");
    return new HistoryMeanScorer(tf,
        DdrmEmbeddings.frozenLive(graph, tf, backend, layers, pooling));
  }

  /** Scores only; its stage has no variables, so the run trains nothing after the backend. */
  private record HistoryMeanScorer(Ops tf, DdrmEmbeddings embeddings) implements Denoiser {
    @Override
    public Operand<TFloat32> loss() {
      throw new UnsupportedOperationException(NAME + " has nothing to train");
    }

    @Override
    public List<Variable<TFloat32>> variables() {
      return List.of();
    }

    @Override
    public boolean freezesBackend() {
      return true;
    }

    @Override
    public Operand<TFloat32> scores(Operand<TInt32> users) {
      return embeddings.historyMeanScores(tf, users);
    }

    @Override
    public Optional<UserItemTables> scoringFactors() {
      return Optional.of(new UserItemTables(embeddings.historyMeans(tf), embeddings.items()));
    }
  }
}
