package org.ddrm.backend.lightgcn;

import java.util.Map;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.backend.lightgcn.provider.LightGcnBackendProvider;
import org.ddrm.testkit.BackendConformance;

/** LightGCN passes the backend kit. */
class LightGcnConformanceTest extends BackendConformance {
  @Override
  protected EmbeddingBackendProvider provider() {
    return new LightGcnBackendProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("lightgcn.dim", "8", "lightgcn.layers", "2");
  }
}
