/**
 * The DDRM framework's service-provider interfaces and value types. Embedding backends,
 * denoisers and stand-alone recommenders implement the provider interfaces of
 * {@code org.ddrm.api} and are found with {@link java.util.ServiceLoader}.
 */
module org.ddrm.api {
  requires transitive tensorflow;
  requires transitive org.tensorflow.ndarray;
  requires transitive org.slf4j;

  exports org.ddrm.api;
  exports org.ddrm.api.graph;
  exports org.ddrm.api.nn;

  uses org.ddrm.api.EmbeddingBackendProvider;
  uses org.ddrm.api.DenoiserProvider;
  uses org.ddrm.api.RecommenderProvider;
}
