/**
 * The MF-BPR embedding backend and the {@code pretrained} backend (tables loaded from .npy files
 * or PyTorch checkpoints). The implementation package is not exported.
 */
module org.ddrm.backend.mf {
  requires org.ddrm.api;

  provides org.ddrm.api.EmbeddingBackendProvider with
      org.ddrm.backend.mf.MfBackendProvider,
      org.ddrm.backend.mf.PretrainedBackendProvider;
}
