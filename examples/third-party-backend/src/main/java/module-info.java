/** Item-bias MF: a DDRM embedding backend from outside the DDRM repository. */
module com.example.ddrm.backend {
  requires org.ddrm.api;

  provides org.ddrm.api.EmbeddingBackendProvider with
      com.example.ddrm.backend.ItemBiasMfProvider;
}
