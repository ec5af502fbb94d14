/** The MF-BPR embedding backend. Its implementation package is not exported. */
module org.ddrm.backend.mf {
  requires org.ddrm.api;

  provides org.ddrm.api.EmbeddingBackendProvider with
      org.ddrm.backend.mf.MfBackendProvider;
}
