package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.testkit.KitGraph;
import org.ddrm.testkit.KitData;
import org.ddrm.testkit.RecommenderConformance;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every stand-alone recommender passes the kit; defaults follow the references. */
class RecommenderConformanceTest {
  @Nested
  class Cdae extends RecommenderConformance {
    @Override
    protected RecommenderProvider provider() {
      return new CdaeProvider();
    }

    @Override
    protected Map<String, String> settings() {
      return Map.of("cdae.dim", "16", "train.batch_size", "50");
    }
  }

  @Nested
  class MultiVae extends RecommenderConformance {
    @Override
    protected RecommenderProvider provider() {
      return new MultiVaeProvider();
    }

    @Override
    protected Map<String, String> settings() {
      // No KL annealing (its weight grows every update, and so would the loss), no dropout:
      // the multinomial likelihood falls slowly, and the noise would hide it over a few epochs.
      return Map.of("multivae.dims", "32,8", "multivae.anneal_cap", "0",
          "multivae.dropout", "0", "train.batch_size", "50", "train.lr", "0.03");
    }

    @Override
    protected int lossEpochs() {
      return 8;
    }
  }

  @Nested
  class DiffRec extends RecommenderConformance {
    @Override
    protected RecommenderProvider provider() {
      return new DiffRecProvider();
    }

    @Override
    protected Map<String, String> settings() {
      return Map.of("diffrec.dims", "16,32", "diffrec.step_dim", "4", "train.batch_size", "50");
    }
  }

  @Nested
  class AdaGcl extends RecommenderConformance {
    @Override
    protected RecommenderProvider provider() {
      return new AdaGclProvider();
    }

    @Override
    protected Map<String, String> settings() {
      return Map.of("adagcl.dim", "8", "adagcl.init_std", "0.1", "adagcl.layers", "1",
          "train.batch_size", "1024");
    }
  }

  @Nested
  class MostPop extends RecommenderConformance {
    @Override
    protected RecommenderProvider provider() {
      return new MostPopProvider();
    }
  }

  @Nested
  class ItemKnn extends RecommenderConformance {
    @Override
    protected RecommenderProvider provider() {
      return new ItemKnnProvider();
    }
  }

  @Nested
  class Ease extends RecommenderConformance {
    @Override
    protected RecommenderProvider provider() {
      return new EaseProvider();
    }
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
    try (KitGraph graph = KitGraph.on(KitData.dataset(), 7)) {
      assertThatThrownBy(() -> new CdaeProvider().build(graph.context(),
          KitGraph.settings(new CdaeProvider(), Map.of("corruption", "1.5")), 10))
          .hasMessage("cdae.corruption: expected a value in [0, 1), got 1.5");
      assertThatThrownBy(() -> new MultiVaeProvider().build(graph.context(),
          KitGraph.settings(new MultiVaeProvider(), Map.of("activation", "gelu")), 10))
          .hasMessage("multivae.activation: expected one of tanh, sigmoid, relu, got 'gelu'");
      assertThatThrownBy(() -> new DiffRecProvider().build(graph.context(),
          KitGraph.settings(new DiffRecProvider(), Map.of("noise_min", "0.1")), 10))
          .hasMessageStartingWith("diffrec.noise_min: expected a value <= diffrec.noise_max");
    }
  }

  private Map<String, String> defaults(String name) {
    return ProviderRegistry.discover().recommender(name).settings().stream()
        .collect(Collectors.toMap(SettingSpec::key, SettingSpec::defaultValue));
  }
}
