/**
 * The DDRM runtime: data readers and generators, settings, provider discovery, the TensorFlow
 * graph and session lifecycle, the shared training loop, and the built-in denoisers.
 */
module org.ddrm.core {
  requires transitive org.ddrm.api;
  requires org.apache.commons.configuration2;
  requires org.apache.commons.text;
  requires org.apache.commons.csv;
  requires com.fasterxml.jackson.core;
  requires me.tongfei.progressbar;

  exports org.ddrm.core.config;
  exports org.ddrm.core.data;
  exports org.ddrm.core.evaluation;
  exports org.ddrm.core.plugin;
  exports org.ddrm.core.train;

  uses org.ddrm.api.EmbeddingBackendProvider;
  uses org.ddrm.api.DenoiserProvider;
  uses org.ddrm.api.RecommenderProvider;

  provides org.ddrm.api.DenoiserProvider with
      org.ddrm.core.bpr.NoneDenoiserProvider,
      org.ddrm.core.ddrm.DdrmDenoiserProvider,
      org.ddrm.core.ddrm.HistoryMeanProvider;
}
