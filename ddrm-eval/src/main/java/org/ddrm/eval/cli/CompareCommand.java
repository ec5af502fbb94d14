package org.ddrm.eval.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ddrm.eval.suite.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ddrm compare RUN_DIR OTHER_RUN_DIR [--metrics M,..] [--split S]}. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Test a finished run against another user by user: per metric both means over"
        + " the users both evaluated, the difference, and the two-sided paired t-test and"
        + " Wilcoxon signed-rank p-values (as a suite report gives them against a baseline).")
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a finished run's directory")
  Path run;

  @Parameters(index = "1", paramLabel = "OTHER_RUN_DIR", description = "the run it is tested"
      + " against")
  Path other;

  @Option(names = "--metrics", split = ",", paramLabel = "M",
      description = "per-user metrics to test (default: ${DEFAULT-VALUE})",
      defaultValue = "recall@10,recall@20,ndcg@10,ndcg@20")
  List<String> metrics;

  @Option(names = "--split", paramLabel = "S", defaultValue = "test",
      description = "valid or test (default: ${DEFAULT-VALUE})")
  String split;

  @Override
  public Integer call() {
    if (!split.equals("valid") && !split.equals("test")) {
      throw new IllegalArgumentException("--split " + split + ": give valid or test");
    }
    List<RunComparison.Line> lines = RunComparison.of(run, other, split, metrics);
    var out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s (run) against %s (other), %s split, %d users%n", run, other,
        split, lines.get(0).tests().pairs());
    out.printf(Locale.ROOT, "%-14s %9s %9s %9s %10s %10s%n", "metric", "run", "other", "diff",
        "p (t)", "p (W)");
    for (RunComparison.Line line : lines) {
      out.printf(Locale.ROOT, "%-14s %9.4f %9.4f %+9.4f %10.2g %10.2g%n", line.metric(),
          line.mean(), line.otherMean(), line.tests().meanDifference(), line.tests().tTestP(),
          line.tests().wilcoxonP());
    }
    out.flush();
    return 0;
  }
}
