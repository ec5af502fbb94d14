package org.ddrm.backend.lightgcn.provider;

import java.util.List;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.backend.lightgcn.LightGcnBackend;
import org.ddrm.backend.lightgcn.LightGcnEncoder;
import org.ddrm.backend.lightgcn.LightGcnSettings;

/** LightGCN (He et al. 2020): layer-0 embeddings propagated over the normalised user-item graph. */
public final class LightGcnBackendProvider implements EmbeddingBackendProvider {
  @Override
  public String name() {
    return "lightgcn";
  }

  @Override
  public String description() {
    return "LightGCN: embeddings propagated over the normalised user-item graph (He et al. 2020)";
  }

  @Override
  public List<SettingSpec> settings() {
    return LightGcnSettings.SPECS;
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    return new LightGcnBackend(LightGcnEncoder.build(graph, graph.tf().withSubScope(name()),
        LightGcnSettings.from(name(), settings)));
  }
}
