/**
 * The LightGCN embedding backend (graph propagation over the user-item adjacency). Exports the
 * encoder and backend on which SGL builds; the provider's package is not exported.
 */
module org.ddrm.backend.lightgcn {
  requires transitive org.ddrm.api;

  exports org.ddrm.backend.lightgcn;

  provides org.ddrm.api.EmbeddingBackendProvider with
      org.ddrm.backend.lightgcn.provider.LightGcnBackendProvider;
}
