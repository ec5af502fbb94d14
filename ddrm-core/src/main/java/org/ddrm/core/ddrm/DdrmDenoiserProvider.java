package org.ddrm.core.ddrm;

import java.util.List;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;

/**
 * The {@code ddrm} denoiser: DDRM's user and item diffusion denoisers on a frozen backend (the
 * paper's two-stage protocol), or trained together with it when {@code ddrm.joint = true}.
 */
public final class DdrmDenoiserProvider implements DenoiserProvider {
  @Override
  public String name() {
    return "ddrm";
  }

  @Override
  public String description() {
    return "Denoising Diffusion Recommender Model (Zhao et al. 2024) on the backend's embeddings";
  }

  @Override
  public List<SettingSpec> settings() {
    return DdrmSettings.KEYS.specs();
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    return new DdrmDenoiser(graph, DdrmSettings.from(settings), backend, batch);
  }
}
