package org.ddrm.eval.run;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.ddrm.api.Dataset;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.TfRuntime;

/** Guice wiring of one experiment: its settings, providers, data set and TF runtime. */
public final class ExperimentModule extends AbstractModule {
  private final RunConfig config;
  private final ProviderRegistry registry;

  public ExperimentModule(RunConfig config, ProviderRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  protected void configure() {
    bind(RunConfig.class).toInstance(config);
    bind(ProviderRegistry.class).toInstance(registry);
  }

  @Provides
  @Singleton
  Dataset dataset() {
    return DatasetLoader.load(config.settings());
  }

  @Provides
  @Singleton
  TfRuntime runtime() {
    return TfRuntime.from(config.settings());
  }
}
