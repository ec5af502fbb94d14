package org.ddrm.eval.cli;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.run.Benchmark;
import org.ddrm.eval.run.Experiment;
import org.ddrm.eval.run.ExperimentModule;
import org.ddrm.eval.run.RunConfig;
import org.ddrm.eval.suite.SuiteBench;
import org.ddrm.eval.suite.SuiteFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ddrm bench CONFIG [--epochs N] [--out DIR]}: time training and evaluation; or
 * {@code ddrm bench SUITE_FILE}: time every model of a suite and compare with its baseline.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Time a config's training epochs and full-ranking evaluation; write bench.json.",
        "Given a suite file, time every row's model, write bench-suite.json and bench-suite.md,"
            + " and compare with the suite's baseline (bench.baseline): exit code "
            + BenchCommand.SLOWER + " when a figure exceeds baseline x tolerance."})
final class BenchCommand implements Callable<Integer> {
  /** The exit code of a suite benchmark slower than its baseline allows. */
  static final int SLOWER = 3;

  @Parameters(index = "0", paramLabel = "CONFIG|SUITE_FILE",
      description = "a .properties config file, or a suite file")
  Path config;

  @Option(names = "--epochs",
      description = "epochs per stage; the first is warm-up and not timed when N > 1 (default 3,"
          + " or the suite's bench.epochs)")
  Integer epochs;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "suite only: the baseline timings (default: the suite's bench.baseline)")
  Path baseline;

  @Option(names = "--tolerance", paramLabel = "RATIO",
      description = "suite only: the largest accepted ratio to the baseline (default: the"
          + " suite's bench.tolerance, else 1.5)")
  Double tolerance;

  @Option(names = "--rows", split = ",", paramLabel = "ROW",
      description = "suite only: time only these rows (comma-separated); with --update-baseline"
          + " the other rows keep their stored figures")
  List<String> rows = new ArrayList<>();

  @Option(names = "--update-baseline",
      description = "suite only: store this run's timings as the baseline")
  boolean updateBaseline;

  @Option(names = "--profile", paramLabel = "STEPS",
      description = "config only: trace STEPS steps of every epoch op by op and write where their"
          + " time goes to op-profile-STAGE.json (the setting profile.steps)")
  Integer profileSteps;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "output directory (default: runs/bench-<config name>-<timestamp>)")
  Path out;

  @Override
  public Integer call() {
    ProviderRegistry registry = ProviderRegistry.discover();
    if (SuiteFile.isSuite(config)) {
      return benchSuite(SuiteFile.load(config), registry);
    }
    List<String> all = new ArrayList<>(overrides);
    all.addAll(Benchmark.overrides(epochs == null ? 3 : epochs));
    if (profileSteps != null) {
      all.add("profile.steps=" + profileSteps);
    }
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

  private int benchSuite(SuiteFile suite, ProviderRegistry registry) {
    if (!overrides.isEmpty()) {
      throw new IllegalArgumentException("--set applies to a config; a suite sets its cells'"
          + " overrides itself");
    }
    Path directory = out != null ? out : RunCommand.defaultDirectory("bench-suite-" + suite.name());
    Path baselineFile = baseline != null ? baseline : suite.bench().baseline();
    double ratio = tolerance != null ? tolerance : suite.bench().tolerance();
    if (!rows.isEmpty()) {
      suite = suite.withOnlyRows(rows);
    }
    SuiteBench.Outcome outcome = SuiteBench.run(suite, directory, baselineFile, ratio,
        epochs != null ? epochs : suite.bench().epochs(), registry, System.out);
    System.out.println("bench-suite.json and bench-suite.md written to " + directory);
    if (updateBaseline) {
      SuiteBench.storeBaseline(directory, baselineFile);
      System.out.println("baseline stored in " + baselineFile);
      return 0;
    }
    if (!outcome.baselineFound()) {
      System.out.println("no baseline at " + baselineFile + " (store one with --update-baseline)");
    }
    outcome.regressions().forEach(r -> System.out.printf(Locale.ROOT, 
        "SLOWER: %s %s %.3f -> %.3f (x%.2f > x%.2f)%n", r.row(), r.figure(), r.baseline(),
        r.now(), r.ratio(), ratio));
    return outcome.regressions().isEmpty() ? 0 : SLOWER;
  }
}
