package org.ddrm.testkit;

import java.util.List;
import org.ddrm.api.RecommenderProvider;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The conformance suite of a stand-alone recommender: extend it in the plugin's tests and return
 * the provider (and settings that keep it small). The model trains in one stage ({@code train.*}
 * settings) on {@link KitData}; checks of training are skipped for a model without variables
 * (MostPop, ItemKNN, EASE).
 */
public abstract class RecommenderConformance extends ProviderConformance<RecommenderProvider> {
  @Override
  String what() {
    return "recommender '" + provider().name() + "'";
  }

  @Override
  ModelChecks.Builder builder() {
    return seed -> KitRun.recommender(provider(), settings(), seed);
  }

  @Override
  List<Variable<TFloat32>> ownVariables(KitRun run) {
    return run.finalModel().trainableVariables();
  }
}
