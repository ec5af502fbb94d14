package org.ddrm.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.Map;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** One deliberately broken plugin per fault the kit must catch, and the message it gives. */
class KitCatchesBrokenPluginsTest {
  /**
   * A plugin's conformance test as an author writes it, here for the unlisted backend; run only
   * through the engine test kit below (surefire leaves the tag out).
   */
  @Tag("broken-plugin")
  static class UnlistedBackendConformance extends BackendConformance {
    @Override
    protected EmbeddingBackendProvider provider() {
      return new BrokenPlugins.UnlistedBackendProvider();
    }
  }

  @Test
  void backendMissingItsMetaInfServicesLineFailsTheDeclarationTest() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(UnlistedBackendConformance.class, "isDeclaredBothWaysAndFoundByName"))
        .execute().testEvents().assertThatEvents().haveExactly(1, event(
            test("isDeclaredBothWaysAndFoundByName"),
            finishedWithFailure(instanceOf(AssertionError.class), message(m -> m.contains(
                "is not listed in META-INF/services/org.ddrm.api.EmbeddingBackendProvider")
                && m.contains("add the line '" + BrokenPlugins.UnlistedBackendProvider.class.getName())))));
  }

  @Test
  void denoiserThatTakesTheBackendsAuxiliaryLossBackOutIsCaught() {
    assertThatThrownBy(() -> LossChecks.backendTermsCountedOnce(
        new BrokenPlugins.AuxiliaryDroppingDenoiserProvider(), Map.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("denoiser 'kit-drops-auxiliary'")
        .hasMessageContaining("does not reach its loss")
        .hasMessageContaining("must not cancel or replace it");
  }

  @Test
  void denoiserThatAddsTheBackendsTermsItselfIsCaughtCountingThemTwice() {
    assertThatThrownBy(() -> LossChecks.backendTermsCountedOnce(
        new BrokenPlugins.DoubleCountingDenoiserProvider(), Map.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("counts the backend's regularization(batch) 2 times")
        .hasMessageContaining("remove backend.regularization(...) from the denoiser's loss()");
  }

  @Test
  void backendWhoseInitialiserIgnoresTheRunsSeedIsCaught() {
    DenoiserProvider none = ProviderRegistry.discover().denoiser("none");
    EmbeddingBackendProvider fixed = new BrokenPlugins.FixedSeedBackendProvider();
    assertThatThrownBy(() -> ModelChecks.seedReachesEveryInitialiser(
        seed -> KitRun.embedding(fixed, none, Map.of(), seed), "backend 'kit-fixed-seed'",
        run -> run.pipeline().orElseThrow().backend().variables()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("from the same values under seeds 1 and 2")
        .hasMessageContaining("kit_fixed_seed/users")
        .hasMessageContaining("graph.nextSeed()");
  }

  @Test
  void recommenderWhoseLossDoesNotFallIsCaught() {
    assertThatThrownBy(() -> ModelChecks.lossFalls(
        seed -> KitRun.recommender(new BrokenPlugins.CutGradientRecommenderProvider(), Map.of(),
            seed), "recommender 'kit-cut-gradient'", 5))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not fall over 5 epochs")
        .hasMessageContaining("stopGradient");
  }

  @Test
  void soundBackendPassesTheChecksTheBrokenOnesFail() {
    DenoiserProvider none = ProviderRegistry.discover().denoiser("none");
    EmbeddingBackendProvider sound = new BrokenPlugins.SoundBackendProvider();
    ModelChecks.seedReachesEveryInitialiser(seed -> KitRun.embedding(sound, none, Map.of(), seed),
        "backend 'kit-sound'", run -> run.pipeline().orElseThrow().backend().variables());
    ModelChecks.lossFalls(seed -> KitRun.embedding(sound, none, Map.of(), seed),
        "backend 'kit-sound'", 5);
    LossChecks.backendTermsReachTheStageLoss(sound, Map.of());
  }
}
