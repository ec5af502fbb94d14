package org.ddrm.eval.cli;

import java.util.concurrent.Callable;
import org.ddrm.api.Provider;
import org.ddrm.api.SettingSpec;
import org.ddrm.core.plugin.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddrm list}: every provider with its module, version and settings. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List every backend, denoiser and recommender provider.")
final class ListCommand implements Callable<Integer> {
  @Option(names = {"-s", "--settings"}, description = "also list each provider's settings")
  boolean settings;

  @Override
  public Integer call() {
    ProviderRegistry registry = ProviderRegistry.discover();
    for (Provider p : registry.all()) {
      System.out.printf("%-12s %-10s %s%n    %s%n", ProviderRegistry.kind(p), p.name(),
          p.description(), ProviderRegistry.describe(p));
      if (settings) {
        for (SettingSpec s : p.settings()) {
          System.out.printf("      %s.%s = %s   # %s%n", p.name(), s.key(), s.defaultValue(),
              s.description());
        }
      }
    }
    return 0;
  }
}
