package org.ddrm.api;

/**
 * A plugin that builds an embedding backend (MF-BPR, LightGCN, SGL) into a run's graph. Declare
 * an implementation with {@code provides org.ddrm.api.EmbeddingBackendProvider with ...} and in
 * {@code META-INF/services/org.ddrm.api.EmbeddingBackendProvider}.
 */
public interface EmbeddingBackendProvider extends Provider {
  /**
   * Adds the backend's variables and ops to the graph.
   *
   * @param graph the run's graph context
   * @param settings the provider's settings, scoped to its name, defaults applied
   */
  EmbeddingBackend build(ModelGraph graph, Settings settings);
}
