package org.ddrm.core.plugin;

import java.util.List;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;

/** A third-party-style provider declared only in this test module's META-INF/services. */
public final class TestBackendProvider implements EmbeddingBackendProvider {
  @Override
  public String name() {
    return "test-backend";
  }

  @Override
  public String description() {
    return "a backend that only exists in tests";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(new SettingSpec("width", "4", "embedding size"));
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    throw new UnsupportedOperationException("discovery test only");
  }
}
