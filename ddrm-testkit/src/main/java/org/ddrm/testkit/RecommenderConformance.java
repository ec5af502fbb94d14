package org.ddrm.testkit;

import java.util.Map;
import org.ddrm.api.RecommenderProvider;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of a stand-alone recommender: extend it in the plugin's tests and return
 * the provider (and settings that keep it small). The model trains in one stage ({@code train.*}
 * settings) on {@link KitData}; checks of training are skipped for a model without variables
 * (MostPop, ItemKNN, EASE).
 */
public abstract class RecommenderConformance {
  /** The provider under test. */
  protected abstract RecommenderProvider provider();

  /** Settings over the provider's and the kit's defaults, full keys ({@code cdae.hidden}). */
  protected Map<String, String> settings() {
    return Map.of();
  }

  /** Epochs of the loss-falls check. */
  protected int lossEpochs() {
    return 5;
  }

  private String what() {
    return "recommender '" + provider().name() + "'";
  }

  private ModelChecks.Builder builder() {
    return seed -> KitRun.recommender(provider(), settings(), seed);
  }

  @Test
  public void isDeclaredBothWaysAndFoundByName() {
    ProviderChecks.declaredBothWays(provider());
  }

  @Test
  public void documentsItsSettingsWithDefaultsAndRejectsUnknownOnes() {
    ProviderChecks.settingsDocumented(provider(), settings());
  }

  @Test
  public void scoresEveryItemWithAFiniteValue() {
    ModelChecks.scoresHaveOneFiniteRowPerUser(builder(), what());
  }

  @Test
  public void scoresAUserAloneAsInABatch() {
    ModelChecks.scoresOfAUserDoNotDependOnTheBatch(builder(), what());
  }

  @Test
  public void isRankedByTheSharedEvaluator() {
    ModelChecks.rankedByTheSharedEvaluator(builder(), what());
  }

  @Test
  public void givesTheSameNumbersForTheSameSeed() {
    ModelChecks.sameSeedGivesSameNumbers(builder(), what());
  }

  @Test
  public void seedsTheInitialisersFromTheRunsSeed() {
    ModelChecks.seedReachesEveryInitialiser(builder(), what(),
        run -> run.finalModel().trainableVariables());
  }

  @Test
  public void lossFallsOverAFewEpochs() {
    ModelChecks.lossFalls(builder(), what(), lossEpochs());
  }

  @Test
  public void resumesFromACheckpointToTheUninterruptedResult() {
    ModelChecks.checkpointThenResumeGivesTheUninterruptedResult(builder(), what(), 3);
  }
}
