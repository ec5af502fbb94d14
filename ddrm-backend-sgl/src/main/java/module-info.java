/** The SGL embedding backend: self-supervised graph learning on the LightGCN encoder. */
module org.ddrm.backend.sgl {
  requires org.ddrm.api;
  requires org.ddrm.backend.lightgcn;
}
