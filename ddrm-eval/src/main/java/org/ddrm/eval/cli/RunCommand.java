package org.ddrm.eval.cli;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.run.Experiment;
import org.ddrm.eval.run.ExperimentModule;
import org.ddrm.eval.run.RunConfig;
import org.ddrm.eval.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ddrm run CONFIG [--set key=value]... [--out DIR]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Train and evaluate the model a config file describes.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG", description = "a .properties config file")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override a setting (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "run directory (default: runs/<config name>-<timestamp>)")
  Path out;

  @Override
  public Integer call() {
    ProviderRegistry registry = ProviderRegistry.discover();
    RunConfig runConfig = RunConfig.load(config, overrides, registry);
    Path directory = out != null ? out : defaultDirectory(runConfig.name());
    RunResult result = Guice.createInjector(new ExperimentModule(runConfig, registry))
        .getInstance(Experiment.class)
        .run(directory);
    System.out.println(ResultTable.render(result));
    System.out.println("results written to " + directory);
    return 0;
  }

  static Path defaultDirectory(String name) {
    return Path.of("runs", name + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }
}
