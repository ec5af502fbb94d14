package com.example.ddrm.backend;

import java.util.Map;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.testkit.BackendConformance;

/** The DDRM test kit's backend suite: declaration, settings, shapes, seeds, training, resume. */
class ItemBiasMfConformanceTest extends BackendConformance {
  @Override
  protected EmbeddingBackendProvider provider() {
    return new ItemBiasMfProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("item-bias-mf.dim", "8");
  }
}
