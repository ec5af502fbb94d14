package org.ddrm.eval.cli;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.run.Benchmark;
import org.ddrm.eval.run.Experiment;
import org.ddrm.eval.run.ExperimentModule;
import org.ddrm.eval.run.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ddrm bench CONFIG [--epochs N] [--out DIR]}: time training and evaluation. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Time a config's training epochs and full-ranking evaluation; write bench.json.")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG", description = "a .properties config file")
  Path config;

  @Option(names = "--epochs", defaultValue = "3",
      description = "epochs per stage; the first is warm-up and not timed when N > 1 (default 3)")
  int epochs;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "output directory (default: runs/bench-<config name>-<timestamp>)")
  Path out;

  @Override
  public Integer call() {
    ProviderRegistry registry = ProviderRegistry.discover();
    List<String> all = new ArrayList<>(overrides);
    all.addAll(Benchmark.overrides(epochs));
    RunConfig runConfig = RunConfig.load(config, all, registry);
    Path directory = out != null ? out : RunCommand.defaultDirectory("bench-" + runConfig.name());
    var result = Guice.createInjector(new ExperimentModule(runConfig, registry))
        .getInstance(Experiment.class)
        .run(directory);
    Benchmark bench = Benchmark.of(runConfig, result);
    bench.write(directory);
    System.out.println(bench.toText());
    System.out.println("bench.json written to " + directory);
    return 0;
  }
}
