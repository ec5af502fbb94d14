package org.ddrm.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.Provider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
  @Test
  void serviceLoaderFindsAProviderDeclaredInATestModule() {
    ProviderRegistry registry = ProviderRegistry.discover();
    assertThat(registry.backend("test-backend")).isInstanceOf(TestBackendProvider.class);
    assertThat(registry.denoiser("none").description()).contains("BPR");
    assertThat(registry.all()).extracting(Provider::name).contains("test-backend", "none");
  }

  @Test
  void twoProvidersWithOneNameFailNamingBoth() {
    assertThatThrownBy(() -> ProviderRegistry.of(List.of(new TestBackendProvider(), new Impostor())))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("two providers are named 'test-backend'")
        .hasMessageContaining(TestBackendProvider.class.getName())
        .hasMessageContaining(Impostor.class.getName());
  }

  @Test
  void unknownProviderSuggestsTheNearestOfItsKind() {
    ProviderRegistry registry = ProviderRegistry.of(List.of(new TestBackendProvider()));
    assertThatThrownBy(() -> registry.backend("test-backnd"))
        .hasMessageContaining("no embedding backend provider named 'test-backnd'")
        .hasMessageContaining("did you mean 'test-backend'?");
  }

  @Test
  void aProviderOfAnotherKindDoesNotAnswerForTheName() {
    ProviderRegistry registry = ProviderRegistry.of(List.of(new TestBackendProvider()));
    assertThatThrownBy(() -> registry.denoiser("test-backend"))
        .hasMessageContaining("no denoiser provider named 'test-backend'");
  }

  /** Same name as {@link TestBackendProvider}, different class. */
  static final class Impostor implements EmbeddingBackendProvider {
    @Override
    public String name() {
      return "test-backend";
    }

    @Override
    public String description() {
      return "impostor";
    }

    @Override
    public List<SettingSpec> settings() {
      return List.of();
    }

    @Override
    public EmbeddingBackend build(ModelGraph graph, Settings settings) {
      throw new UnsupportedOperationException();
    }
  }
}
