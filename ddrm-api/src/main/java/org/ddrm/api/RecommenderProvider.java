package org.ddrm.api;

/**
 * A plugin for a stand-alone recommender (CDAE, MultiVAE, DiffRec, AdaGCL) that trains and scores
 * users by itself rather than on a backend's embeddings.
 */
public interface RecommenderProvider extends Provider {
  /**
   * Adds the recommender's variables and ops to the graph.
   *
   * @param graph the run's graph context
   * @param settings the provider's settings, scoped to its name, defaults applied
   * @param batchSize examples per training step, the stage's {@code train.batch_size}
   */
  TrainableModel build(ModelGraph graph, Settings settings, int batchSize);
}
