package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;

/** MostPop: the most popular train items a user has not seen; computed in one pass. */
public final class MostPopProvider implements RecommenderProvider {
  @Override
  public String name() {
    return "mostpop";
  }

  @Override
  public String description() {
    return "most popular unseen items (train popularity), computed in one pass";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of();
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    return new MostPopModel(graph, name());
  }
}
