package org.ddrm.backend.mf;

import java.util.Map;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.testkit.BackendConformance;

/** MF-BPR passes the backend kit. */
class MfConformanceTest extends BackendConformance {
  @Override
  protected EmbeddingBackendProvider provider() {
    return new MfBackendProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("mf.dim", "8");
  }
}
