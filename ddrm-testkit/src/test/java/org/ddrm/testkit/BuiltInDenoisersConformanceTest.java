package org.ddrm.testkit;

import java.util.Map;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Nested;

/** The denoisers built into ddrm-core pass the kit (found by name, as a run finds them). */
class BuiltInDenoisersConformanceTest {
  private static DenoiserProvider named(String name) {
    return ProviderRegistry.discover().denoiser(name);
  }

  @Nested
  class None extends DenoiserConformance {
    @Override
    protected DenoiserProvider provider() {
      return named("none");
    }
  }

  @Nested
  class Ddrm extends DenoiserConformance {
    @Override
    protected DenoiserProvider provider() {
      return named("ddrm");
    }

    @Override
    protected Map<String, String> settings() {
      return Map.of("ddrm.steps", "5", "ddrm.inference_steps", "5", "ddrm.hidden", "16");
    }
  }

  @Nested
  class DdrmJoint extends DenoiserConformance {
    @Override
    protected DenoiserProvider provider() {
      return named("ddrm");
    }

    @Override
    protected Map<String, String> settings() {
      return Map.of("ddrm.steps", "5", "ddrm.inference_steps", "5", "ddrm.hidden", "16",
          "ddrm.joint", "true");
    }
  }

  @Nested
  class HistoryMean extends DenoiserConformance {
    @Override
    protected DenoiserProvider provider() {
      return named("history-mean");
    }
  }
}
