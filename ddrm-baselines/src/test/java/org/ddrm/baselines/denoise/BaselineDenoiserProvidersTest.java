package org.ddrm.baselines.denoise;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.testkit.DenoiserConformance;
import org.ddrm.testkit.KitGraph;
import org.ddrm.testkit.KitRun;
import org.ddrm.testkit.ModelChecks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** T-CE, R-CE and DeCA pass the kit; each variant learns; bad settings name their key. */
class BaselineDenoiserProvidersTest {
  @Nested
  class TruncatedLoss extends DenoiserConformance {
    @Override
    protected DenoiserProvider provider() {
      return new TruncatedLossProvider();
    }
  }

  @Nested
  class ReweightedLoss extends DenoiserConformance {
    @Override
    protected DenoiserProvider provider() {
      return new ReweightedLossProvider();
    }
  }

  @Nested
  class Deca extends DenoiserConformance {
    @Override
    protected DenoiserProvider provider() {
      return new DecaProvider();
    }

    @Override
    protected Map<String, String> settings() {
      return Map.of("deca.prior_dim", "8", "deca.noise_dim", "8");
    }
  }

  @Nested
  class DecaPretrainedPrior extends DenoiserConformance {
    @Override
    protected DenoiserProvider provider() {
      return new DecaProvider();
    }

    @Override
    protected Map<String, String> settings() {
      return Map.of("deca.prior", "pretrained", "deca.noise_dim", "8");
    }
  }

  @ParameterizedTest
  @CsvSource({"tce, form, bce", "rce, form, bce", "deca, objective, dp", "deca, objective, dn"})
  void eachOtherVariantsLossFalls(String name, String key, String value) {
    DenoiserProvider provider = ProviderRegistry.discover().denoiser(name);
    ModelChecks.lossFalls(seed -> KitRun.onProbeBackend(provider,
        Map.of(name + "." + key, value), seed), name + " " + key + "=" + value, 5);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "tce  | form            | pairwise | tce.form: expected one of bpr, bce, got 'pairwise'",
      "tce  | drop_rate       | 1        | tce.drop_rate: expected a value in [0, 1), got 1.0",
      "tce  | ramp_iterations | 0        | tce.ramp_iterations: expected a positive integer, got 0",
      "rce  | beta            | -0.1     | rce.beta: expected a finite number of at least 0, got -0.1",
      "deca | objective       | both     | deca.objective: expected one of alternate, dp, dn, got 'both'",
      "deca | alpha           | 1.5      | deca.alpha: expected a value in [0, 1], got 1.5",
      "deca | noise_dim       | 0        | deca.noise_dim: expected a positive integer, got 0"})
  void badSettingsFailNamingTheKey(String name, String key, String value, String message) {
    DenoiserProvider provider = ProviderRegistry.discover().denoiser(name);
    try (KitGraph f = KitGraph.onSynthetic(300, 200, 1)) {
      assertThatThrownBy(() -> f.denoiser(provider, Map.of(key, value)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(message);
    }
  }
}
