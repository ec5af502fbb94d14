package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;

/** ItemKNN: cosine item-item similarity with shrinkage and top-k neighbours; one pass. */
public final class ItemKnnProvider implements RecommenderProvider {
  private static final String NAME = "itemknn";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<Integer> NEIGHBOURS = KEYS.add(Setting.integer(new SettingSpec(
      "neighbours", "100", "most similar items kept per item (top-k)").atLeast(1)));
  private static final Setting<Double> SHRINK = KEYS.add(Setting.number(new SettingSpec(
      "shrink", "10", "shrinkage added to the cosine's denominator").nonNegative()));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "item-based k-nearest neighbours, cosine similarity with shrinkage (one pass)";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    int neighbours = NEIGHBOURS.read(NAME, settings);
    float shrink = SHRINK.read(NAME, settings).floatValue();
    return new ItemToItemModel(graph, name(),
        ItemKnn.weights(graph.tf().withSubScope(name()), graph.dataset().trainMatrix(),
            neighbours, shrink));
  }
}
