package org.ddrm.baselines.denoise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.op.Op;

class BaselineDenoiserProvidersTest {
  @Test
  void serviceLoaderFindsTheThreeDenoisers() {
    ProviderRegistry registry = ProviderRegistry.discover();
    assertThat(registry.denoiser("tce")).isInstanceOf(TruncatedLossProvider.class);
    assertThat(registry.denoiser("rce")).isInstanceOf(ReweightedLossProvider.class);
    assertThat(registry.denoiser("deca")).isInstanceOf(DecaProvider.class);
  }

  @Test
  void everySettingHasADefaultAndADescription() {
    for (DenoiserProvider provider :
        List.of(new TruncatedLossProvider(), new ReweightedLossProvider(), new DecaProvider())) {
      assertThat(provider.settings()).isNotEmpty().allSatisfy(spec -> {
        assertThat(spec.defaultValue()).isNotBlank();
        assertThat(spec.description()).isNotBlank();
      });
      assertThat(provider.settings()).extracting(SettingSpec::key).doesNotHaveDuplicates();
    }
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
    try (DenoiserFixture f = new DenoiserFixture(1)) {
      assertThatThrownBy(() -> f.build(provider, Map.of(key, value)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(message);
    }
  }

  @ParameterizedTest
  @CsvSource({"tce, form, bpr", "tce, form, bce", "rce, form, bpr", "rce, form, bce",
      "deca, objective, alternate", "deca, objective, dp", "deca, objective, dn"})
  void eachVariantTrainsWithTheBackendInOneStageAndItsLossFalls(String name, String key,
      String value) {
    DenoiserProvider provider = ProviderRegistry.discover().denoiser(name);
    try (DenoiserFixture f = new DenoiserFixture(2)) {
      Denoiser denoiser = f.build(provider, Map.of(key, value));
      assertThat(denoiser.freezesBackend()).isFalse();
      Op step = f.minimizer(denoiser, 0.01);
      List<Double> losses = f.train(denoiser, step, 8);
      assertThat(losses).allSatisfy(l -> assertThat(l).isFinite());
      assertThat(losses.get(7)).isLessThan(losses.get(0));
    }
  }
}
