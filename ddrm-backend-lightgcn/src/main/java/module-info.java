/** The LightGCN embedding backend (graph propagation over the user-item adjacency). */
module org.ddrm.backend.lightgcn {
  requires org.ddrm.api;
}
