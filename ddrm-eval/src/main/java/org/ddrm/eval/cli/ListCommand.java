package org.ddrm.eval.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ddrm.api.Provider;
import org.ddrm.api.SettingSpec;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.plugin.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddrm list}: every provider with its module, version and settings; the framework's keys. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List every backend, denoiser and recommender provider.")
final class ListCommand implements Callable<Integer> {
  @Option(names = {"-s", "--settings"},
      description = "also list each provider's settings, then the framework's own")
  boolean settings;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ProviderRegistry registry = ProviderRegistry.discover();
    for (Provider p : registry.all()) {
      out.printf("%-12s %-10s %s%n    %s%n", ProviderRegistry.kind(p), p.name(),
          p.description(), ProviderRegistry.describe(p));
      if (settings) {
        for (SettingSpec s : p.settings()) {
          out.printf("      %s.%s = %s   # %s%n", p.name(), s.key(), s.defaultValue(),
              s.description());
        }
      }
    }
    if (settings) {
      out.printf("%nframework%n");
      for (SettingSpec s : FrameworkSettings.all()) {
        out.printf("      %s = %s   # %s%n", s.key(), s.defaultValue(), s.description());
      }
    }
    out.flush();
    return 0;
  }
}
