package org.ddrm.testkit;

import java.util.List;
import java.util.Map;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The conformance suite of an embedding backend: extend it in the plugin's tests, return the
 * provider (and settings that keep it small), and every check runs as a test of its own. The
 * backend is trained with the {@code none} denoiser (plain BPR) on {@link KitData}.
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformance {
 *   protected EmbeddingBackendProvider provider() { return new MyBackendProvider(); }
 *   protected Map<String, String> settings() { return Map.of("my-backend.dim", "8"); }
 * }
 * }</pre>
 */
public abstract class BackendConformance extends ProviderConformance<EmbeddingBackendProvider> {
  @Override
  String what() {
    return "backend '" + provider().name() + "'";
  }

  @Override
  ModelChecks.Builder builder() {
    DenoiserProvider none = ProviderRegistry.discover().denoiser("none");
    return seed -> KitRun.embedding(provider(), none, settings(), seed);
  }

  @Override
  List<Variable<TFloat32>> ownVariables(KitRun run) {
    return run.pipeline().orElseThrow().backend().variables();
  }

  @Test
  public void buildsTablesOfOneRowPerUserAndItemOnTheSyntheticData() {
    try (KitRun run = ModelChecks.open(builder(), what(), 1)) {
      EmbeddingBackend backend = run.pipeline().orElseThrow().backend();
      int dim = backend.dimension();
      checkShape(run, backend.userEmbeddings(), KitData.USERS, dim, "userEmbeddings()");
      checkShape(run, backend.itemEmbeddings(), KitData.ITEMS, dim, "itemEmbeddings()");
      checkShape(run, backend.baseEmbeddings().users(), KitData.USERS, dim,
          "baseEmbeddings().users()");
      checkShape(run, backend.baseEmbeddings().items(), KitData.ITEMS, dim,
          "baseEmbeddings().items()");
    }
  }

  private void checkShape(KitRun run, org.tensorflow.Operand<org.tensorflow.types.TFloat32> table,
      int rows, int dim, String name) {
    float[] values = run.fetch(table, 0, Map.of());
    if (values.length != rows * dim) {
      throw new AssertionError(what() + ": " + name + " has " + values.length + " values; expected"
          + " [" + rows + ", " + dim + "] (one row per " + (rows == KitData.USERS ? "user" : "item")
          + " of graph.dataset(), dimension() columns)");
    }
  }

  @Test
  public void regularisationAndAuxiliaryLossReachTheStageLoss() {
    LossChecks.backendTermsReachTheStageLoss(provider(), settings());
  }
}
