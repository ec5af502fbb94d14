package org.ddrm.testkit;

import java.util.Map;
import org.ddrm.api.DenoiserProvider;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of a denoiser: extend it in the plugin's tests and return the provider
 * (and settings that keep it small). The denoiser is composed by the framework's pipeline with
 * the kit's probe backend (free tables drawn from the seed, {@code kit-probe.dim} = 8), whose
 * regularisation and auxiliary loss carry markers, on {@link KitData}. A frozen-backend denoiser
 * gets the paper's two stages; checks of training look at the denoiser's stage.
 */
public abstract class DenoiserConformance {
  /** The provider under test. */
  protected abstract DenoiserProvider provider();

  /** Settings over the provider's and the kit's defaults, full keys ({@code ddrm.steps}). */
  protected Map<String, String> settings() {
    return Map.of();
  }

  /** Epochs of the loss-falls check. */
  protected int lossEpochs() {
    return 5;
  }

  private String what() {
    return "denoiser '" + provider().name() + "'";
  }

  private ModelChecks.Builder builder() {
    return seed -> KitRun.onProbeBackend(provider(), settings(), seed);
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
        run -> run.pipeline().orElseThrow().denoiser().variables());
  }

  @Test
  public void lossFallsOverAFewEpochs() {
    ModelChecks.lossFalls(builder(), what(), lossEpochs());
  }

  @Test
  public void stageLossCarriesTheBackendsTermsOnceWhenTheBackendTrains() {
    LossChecks.backendTermsCountedOnce(provider(), settings());
  }

  @Test
  public void resumesFromACheckpointToTheUninterruptedResult() {
    ModelChecks.checkpointThenResumeGivesTheUninterruptedResult(builder(), what(), 3);
  }
}
