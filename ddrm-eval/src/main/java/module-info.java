/**
 * Evaluation and experiments: the full-ranking evaluator, run directories, benchmarks and the
 * {@code ddrm} command line. It drives every model through the SPI of {@code org.ddrm.api}.
 */
module org.ddrm.eval {
  requires org.ddrm.api;
  requires org.ddrm.core;
  requires com.google.guice;
  requires jakarta.inject;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires ch.qos.logback.classic;
  requires commons.math3;
  requires org.knowm.xchart;
  requires java.desktop;

  exports org.ddrm.eval.run;

  opens org.ddrm.eval.cli to info.picocli;
  opens org.ddrm.eval.run to com.google.guice;

  uses org.ddrm.api.EmbeddingBackendProvider;
  uses org.ddrm.api.DenoiserProvider;
  uses org.ddrm.api.RecommenderProvider;
}
