package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.baselines.settings.ProviderSettings;

/** ItemKNN: cosine item-item similarity with shrinkage and top-k neighbours; one pass. */
public final class ItemKnnProvider implements RecommenderProvider {
  @Override
  public String name() {
    return "itemknn";
  }

  @Override
  public String description() {
    return "item-based k-nearest neighbours, cosine similarity with shrinkage (one pass)";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("neighbours", "100", "most similar items kept per item (top-k)").atLeast(1),
        new SettingSpec("shrink", "10", "shrinkage added to the cosine's denominator").nonNegative());
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    ProviderSettings checks = new ProviderSettings(name(), settings);
    int neighbours = checks.positiveInt("neighbours");
    float shrink = (float) checks.nonNegative("shrink");
    return new ItemToItemModel(graph, name(),
        ItemKnn.weights(graph.tf().withSubScope(name()), graph.dataset().trainMatrix(),
            neighbours, shrink));
  }
}
