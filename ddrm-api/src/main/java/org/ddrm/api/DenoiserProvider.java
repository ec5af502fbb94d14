package org.ddrm.api;

/**
 * A plugin that turns backend embeddings and triple batches into a training loss and a scoring
 * rule (none, DDRM, T-CE, R-CE, DeCA). Declared like every provider: {@code provides} in
 * {@code module-info.java} and a line in {@code META-INF/services}.
 */
public interface DenoiserProvider extends Provider {
  /**
   * Adds the denoiser's variables and ops to the graph.
   *
   * @param graph the run's graph context
   * @param settings the provider's settings, scoped to its name, defaults applied
   * @param backend the backend it denoises
   * @param batch the training batch inputs
   */
  Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend, TripleBatch batch);
}
