/**
 * Conformance suites for DDRM plugins: a plugin's own tests extend
 * {@link org.ddrm.testkit.BackendConformance}, {@link org.ddrm.testkit.DenoiserConformance} or
 * {@link org.ddrm.testkit.RecommenderConformance}, or call the checks of
 * {@link org.ddrm.testkit.ProviderChecks} and {@link org.ddrm.testkit.ModelChecks} directly.
 */
module org.ddrm.testkit {
  requires transitive org.ddrm.api;
  requires transitive org.ddrm.core;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;

  exports org.ddrm.testkit;

  uses org.ddrm.api.EmbeddingBackendProvider;
  uses org.ddrm.api.DenoiserProvider;
  uses org.ddrm.api.RecommenderProvider;
}
