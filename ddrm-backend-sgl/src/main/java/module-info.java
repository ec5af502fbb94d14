/**
 * The SGL embedding backend: self-supervised graph learning on the LightGCN encoder, built on
 * LightGCN's exported API only. Its implementation package is not exported.
 */
module org.ddrm.backend.sgl {
  requires org.ddrm.api;
  requires org.ddrm.backend.lightgcn;

  provides org.ddrm.api.EmbeddingBackendProvider with
      org.ddrm.backend.sgl.SglBackendProvider;
}
