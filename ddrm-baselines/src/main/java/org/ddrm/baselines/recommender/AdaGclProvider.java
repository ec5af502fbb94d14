package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;

/**
 * AdaGCL (Jiang et al. 2023): LightGCN with InfoNCE between two adaptive views of the graph, one
 * from a variational graph auto-encoder, one from learned edge dropping.
 */
public final class AdaGclProvider implements RecommenderProvider {
  @Override
  public String name() {
    return AdaGclSettings.NAME;
  }

  @Override
  public String description() {
    return "LightGCN with contrastive learning between a VGAE view and a learned denoising view"
        + " (Jiang et al. 2023)";
  }

  @Override
  public List<SettingSpec> settings() {
    return AdaGclSettings.KEYS.specs();
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    return new AdaGclModel(graph, AdaGclSettings.from(settings),
        batchSize);
  }
}
