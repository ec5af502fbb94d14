package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ddrm.api.Provider;
import org.ddrm.api.SettingSpec;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderDiscoveryTest {
  private final ProviderRegistry registry = ProviderRegistry.discover();

  @ParameterizedTest
  @ValueSource(strings = {"cdae", "multivae", "diffrec", "adagcl", "itemknn", "ease"})
  void serviceLoaderFindsEachRecommenderWithDefaultsForEverySetting(String name) {
    Provider provider = registry.recommender(name);
    assertThat(provider.name()).isEqualTo(name);
    assertThat(ProviderRegistry.kind(provider)).isEqualTo("recommender");
    assertThat(provider.settings()).isNotEmpty()
        .allMatch(spec -> !spec.defaultValue().isBlank() && !spec.description().isBlank());
  }

  @Test
  void defaultsFollowTheReferenceProtocol() {
    assertThat(defaults("cdae")).containsEntry("dim", "64").containsEntry("corruption", "0.5");
    assertThat(defaults("multivae")).containsEntry("dims", "600,200")
        .containsEntry("activation", "tanh").containsEntry("dropout", "0.5")
        .containsEntry("anneal_cap", "0.2");
    assertThat(defaults("diffrec")).containsEntry("dims", "200,600")
        .containsEntry("steps", "5").containsEntry("noise_scale", "0.5")
        .containsEntry("noise_min", "0.001").containsEntry("noise_max", "0.01")
        .containsEntry("step_dim", "10").containsEntry("reweight", "true");
    // AdaGCL: the authors' Params.py defaults.
    assertThat(defaults("adagcl")).containsEntry("dim", "32").containsEntry("layers", "2")
        .containsEntry("reg", "0.00001").containsEntry("ssl_weight", "0.1")
        .containsEntry("ib_weight", "0.1").containsEntry("temperature", "0.5")
        .containsEntry("lambda0", "0.0001").containsEntry("gamma", "-0.45")
        .containsEntry("zeta", "1.05").containsEntry("concrete_temperature", "2.0")
        .containsEntry("concrete_decay", "0.98");
  }

  @Test
  void badSettingsNameTheirKey() {
    assertThatThrownBy(() -> new RecommenderFixture(new CdaeProvider(),
        Map.of("corruption", "1.5"), 10, 0.01))
        .hasMessage("cdae.corruption: expected a value in [0, 1), got 1.5");
    assertThatThrownBy(() -> new RecommenderFixture(new MultiVaeProvider(),
        Map.of("activation", "gelu"), 10, 0.01))
        .hasMessage("multivae.activation: expected one of tanh, sigmoid, relu, got 'gelu'");
    assertThatThrownBy(() -> new RecommenderFixture(new DiffRecProvider(),
        Map.of("noise_min", "0.1"), 10, 0.01))
        .hasMessageStartingWith("diffrec.noise_min: expected a value <= diffrec.noise_max");
  }

  private Map<String, String> defaults(String name) {
    return registry.recommender(name).settings().stream()
        .collect(java.util.stream.Collectors.toMap(SettingSpec::key, SettingSpec::defaultValue));
  }
}
