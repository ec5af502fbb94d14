package org.ddrm.eval.cli;

import java.io.PrintWriter;
import java.util.Locale;
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
      out.printf(Locale.ROOT, "%-12s %-10s %s%n    %s%n", ProviderRegistry.kind(p), p.name(),
          p.description(), ProviderRegistry.describe(p));
      if (settings) {
        for (SettingSpec s : p.settings()) {
          out.printf(Locale.ROOT, "      %s.%s = %s   # %s%n", p.name(), s.key(), s.defaultValue(),
              described(s));
        }
      }
    }
    if (settings) {
      out.printf(Locale.ROOT, "%nframework%n");
      for (SettingSpec s : FrameworkSettings.all()) {
        out.printf(Locale.ROOT, "      %s = %s   # %s%n", s.key(), s.defaultValue(), described(s));
      }
    }
    out.flush();
    return 0;
  }

  /** The key's description, and what values it accepts where it has a rule. */
  private static String described(SettingSpec s) {
    String accepts = s.rule().describe();
    return accepts.isEmpty() ? s.description() : s.description() + " (" + accepts + ")";
  }
}
