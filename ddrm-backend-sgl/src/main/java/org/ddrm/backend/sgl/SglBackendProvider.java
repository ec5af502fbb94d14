package org.ddrm.backend.sgl;

import java.util.List;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.backend.lightgcn.LightGcnBackend;
import org.ddrm.backend.lightgcn.LightGcnEncoder;
import org.tensorflow.op.Ops;

/**
 * SGL (Wu et al. 2021): LightGCN trained with BPR plus InfoNCE between two augmented graph
 * views re-drawn every epoch.
 */
public final class SglBackendProvider implements EmbeddingBackendProvider {
  @Override
  public String name() {
    return SglSettings.NAME;
  }

  @Override
  public String description() {
    return "SGL: LightGCN with contrastive learning on augmented graph views (Wu et al. 2021)";
  }

  @Override
  public List<SettingSpec> settings() {
    return SglSettings.SPECS;
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    SglSettings parsed = SglSettings.from(settings);
    Ops tf = graph.tf().withSubScope(name());
    LightGcnEncoder encoder = LightGcnEncoder.build(graph, tf, parsed.encoder());
    AugmentedViews views = new AugmentedViews(graph, tf.withSubScope("views"),
        encoder.adjacency(), parsed.encoder().layers(), parsed.augmentation(), parsed.dropRatio());
    return new SglBackend(tf.withSubScope("ssl"), new LightGcnBackend(encoder), views, parsed);
  }
}
