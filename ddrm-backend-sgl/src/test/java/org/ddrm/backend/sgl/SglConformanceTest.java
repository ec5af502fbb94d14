package org.ddrm.backend.sgl;

import java.util.Map;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.testkit.BackendConformance;

/** SGL passes the backend kit: its InfoNCE reaches the stage's loss. */
class SglConformanceTest extends BackendConformance {
  @Override
  protected EmbeddingBackendProvider provider() {
    return new SglBackendProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("sgl.dim", "8", "sgl.layers", "2");
  }
}
