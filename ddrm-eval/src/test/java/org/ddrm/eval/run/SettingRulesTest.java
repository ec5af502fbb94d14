package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddrm.api.SettingSpec;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;

class SettingRulesTest {
  @Test
  void everyProvidersDefaultsPassTheirOwnRules() {
    ProviderRegistry registry = ProviderRegistry.discover();
    assertThat(registry.all()).hasSizeGreaterThan(5);
    registry.all().forEach(provider -> {
      for (SettingSpec spec : provider.settings()) {
        assertThat(spec.problem(spec.defaultValue()))
            .as(provider.name() + "." + spec.key()).isEmpty();
      }
    });
  }
}
