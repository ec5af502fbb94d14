package org.ddrm.testkit;

import java.util.List;
import org.ddrm.api.DenoiserProvider;
import org.junit.jupiter.api.Test;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The conformance suite of a denoiser: extend it in the plugin's tests and return the provider
 * (and settings that keep it small). The denoiser is composed by the framework's pipeline with
 * the kit's probe backend (free tables drawn from the seed, {@code kit-probe.dim} = 8), whose
 * regularisation and auxiliary loss carry markers, on {@link KitData}. A frozen-backend denoiser
 * gets the paper's two stages; checks of training look at the denoiser's stage.
 */
public abstract class DenoiserConformance extends ProviderConformance<DenoiserProvider> {
  @Override
  String what() {
    return "denoiser '" + provider().name() + "'";
  }

  @Override
  ModelChecks.Builder builder() {
    return seed -> KitRun.onProbeBackend(provider(), settings(), seed);
  }

  @Override
  List<Variable<TFloat32>> ownVariables(KitRun run) {
    return run.pipeline().orElseThrow().denoiser().variables();
  }

  @Test
  public void stageLossCarriesTheBackendsTermsOnceWhenTheBackendTrains() {
    LossChecks.backendTermsCountedOnce(provider(), settings());
  }
}
