package org.ddrm.testkit;

import java.util.List;
import java.util.Map;
import org.ddrm.api.Provider;
import org.junit.jupiter.api.Test;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The checks every kind of plugin passes, each a test of its own: declared both ways and found
 * by name, settings documented, scores, the shared evaluator's ranking, seeds, a falling loss,
 * resume. {@link BackendConformance}, {@link DenoiserConformance} and
 * {@link RecommenderConformance} say how their kind is built and add the checks of that kind;
 * a plugin's tests extend one of those.
 *
 * @param <P> the kind of provider
 */
public abstract class ProviderConformance<P extends Provider> {
  ProviderConformance() {}

  /** The provider under test. */
  protected abstract P provider();

  /** Settings over the provider's and the kit's defaults, full keys ({@code mf.dim}). */
  protected Map<String, String> settings() {
    return Map.of();
  }

  /** Epochs of the loss-falls check. */
  protected int lossEpochs() {
    return 5;
  }

  /** The plugin's kind and name, for messages ({@code backend 'mf'}). */
  abstract String what();

  /** Builds the plugin as a run builds it, afresh, with a given seed. */
  abstract ModelChecks.Builder builder();

  /** The variables the plugin itself creates (its initialisers must draw from the seed). */
  abstract List<Variable<TFloat32>> ownVariables(KitRun run);

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
  public void scoreFactorsGiveTheScores() {
    ModelChecks.factorsGiveTheScores(builder(), what());
  }

  @Test
  public void givesTheSameNumbersForTheSameSeed() {
    ModelChecks.sameSeedGivesSameNumbers(builder(), what());
  }

  @Test
  public void seedsTheInitialisersFromTheRunsSeed() {
    ModelChecks.seedReachesEveryInitialiser(builder(), what(), this::ownVariables);
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
