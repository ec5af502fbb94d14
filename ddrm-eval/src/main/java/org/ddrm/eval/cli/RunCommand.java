package org.ddrm.eval.cli;

import com.google.inject.Guice;
import java.nio.file.Files;
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
import org.ddrm.eval.run.RunDirectory;
import org.ddrm.eval.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ddrm run CONFIG [--set key=value]... [--out DIR]} or {@code ddrm run --resume DIR}. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Train and evaluate the model a config file describes.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
      description = "a .properties config file")
  Path config;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "take up the interrupted run in DIR from its last epoch checkpoint, under the"
          + " settings it recorded (DIR/config.properties)")
  Path resume;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override a setting (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "run directory (default: runs/<config name>-<timestamp>)")
  Path out;

  @Option(names = "--overwrite",
      description = "replace the run already in --out DIR (finished or interrupted)")
  boolean overwrite;

  @Override
  public Integer call() {
    if ((config == null) == (resume == null)) {
      throw new IllegalArgumentException("give either a CONFIG file or --resume DIR");
    }
    if (resume != null && (out != null || !overrides.isEmpty() || overwrite)) {
      throw new IllegalArgumentException("--resume DIR runs under the settings recorded in DIR;"
          + " --set, --out and --overwrite do not apply");
    }
    ProviderRegistry registry = ProviderRegistry.discover();
    RunResult result;
    Path directory;
    if (resume != null) {
      if (Files.exists(resume.resolve(RunDirectory.METRICS))) {
        System.out.println("the run in " + resume + " is complete (" + RunDirectory.METRICS
            + " exists); nothing to resume");
        return 0;
      }
      directory = resume;
      RunConfig recorded = RunDirectory.recordedConfig(resume, registry);
      result = Guice.createInjector(new ExperimentModule(recorded, registry))
          .getInstance(Experiment.class)
          .resume(directory);
    } else {
      RunConfig runConfig = RunConfig.load(config, overrides, registry);
      directory = out != null ? out : defaultDirectory(runConfig.name());
      RunDirectory.claimForNewRun(directory, overwrite);
      result = Guice.createInjector(new ExperimentModule(runConfig, registry))
          .getInstance(Experiment.class)
          .run(directory);
    }
    System.out.println(ResultTable.render(result));
    System.out.println("results written to " + directory);
    return 0;
  }

  static Path defaultDirectory(String name) {
    return Path.of("runs", name + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }
}
