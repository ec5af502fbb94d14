package org.ddrm.eval.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.claim.Claim;
import org.ddrm.eval.launch.KubernetesJobs;
import org.ddrm.eval.launch.SlurmArray;
import org.ddrm.eval.launch.SuiteInvocation;
import org.ddrm.eval.launch.WorkerPool;
import org.ddrm.eval.suite.CellDonors;
import org.ddrm.eval.suite.CellOutcome;
import org.ddrm.eval.suite.CellSettings;
import org.ddrm.eval.suite.SuiteCell;
import org.ddrm.eval.suite.SuiteFile;
import org.ddrm.eval.suite.SuiteGrid;
import org.ddrm.eval.suite.SuiteReport;
import org.ddrm.eval.suite.SuiteRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ddrm suite SUITE_FILE [--out DIR] [--seeds S1,S2] [--rows R1,R2] [--set K=V]...
 * [--report-only | --list-cells | --cell I | --workers N | --emit slurm|k8s]}: a grid of runs
 * and its report, run by one process, a local pool of workers, or a cluster's job array.
 */
@Command(name = "suite", mixinStandardHelpOptions = true,
    description = {"Run a suite's grid of runs (rows x grid points x seeds), then write"
        + " its results table (Markdown, CSV, LaTeX; mean, sd, significance against the baseline"
        + " row) and plots (PNG, SVG) under DIR/report.",
        "Finished cells are skipped and interrupted ones resume, so running it again continues."
        + " Any number of invocations (here, on other machines sharing DIR, or launched by"
        + " --workers and --emit) share the cells through leased claims: each cell runs once,"
        + " and the cell of a runner that died is taken over when its lease ($"
        + Claim.LEASE_VARIABLE + " seconds, default 60) runs out.",
        "Exit code 0 when every cell finished, 1 when some failed or miss their config."})
final class SuiteCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SUITE_FILE", description = "a suite .properties file")
  Path suiteFile;

  @Option(names = "--out", paramLabel = "DIR",
      description = "the suite's directory (default: the file's suite.out, else"
          + " runs/suite-<suite name>)")
  Path out;

  @Option(names = "--report-only", description = "only (re)write the report from finished cells")
  boolean reportOnly;

  @Option(names = "--seeds", paramLabel = "SEED", split = ",",
      description = "run the grid with these seeds instead of the file's suite.seeds"
          + " (comma-separated)")
  List<Long> seeds;

  @Option(names = "--rows", paramLabel = "ROW", split = ",",
      description = "run only these rows' cells (comma-separated row names); the report still"
          + " covers every row, and the exit code judges the chosen rows")
  List<String> rows;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "an override for every cell, after the suite's (repeatable); thread counts"
          + " (tf.*_threads) do not count as changed settings")
  List<String> set = new ArrayList<>();

  @Option(names = "--list-cells",
      description = "list the cells: index (for --cell), row, grid point, seed, state (pending, stale,"
          + " running, finished, failed)")
  boolean listCells;

  @Option(names = "--cell", paramLabel = "I",
      description = "run only the cell of this index (see --list-cells); waits while another"
          + " runner holds it")
  Integer cell;

  @Option(names = "--workers", paramLabel = "N",
      description = "run the cells in N local worker processes, the cores divided among them")
  Integer workers;

  @Option(names = "--emit", paramLabel = "ENGINE",
      description = "write a launcher under DIR/launch instead of running: slurm (job array, one"
          + " task per cell, and a report job after it; submit with its submit.sh) or k8s (an"
          + " Indexed Job and a report Job)")
  Engine emit;

  @Option(names = "--parallel", paramLabel = "P",
      description = "with --emit: the most cells running at once (default: all)")
  Integer parallel;

  @Option(names = "--cpus", paramLabel = "C", defaultValue = "2",
      description = "with --emit: cores per cell, also its TF threads (default: ${DEFAULT-VALUE})")
  int cpus;

  @Option(names = "--image", paramLabel = "IMAGE", defaultValue = "ddrm:latest",
      description = "with --emit k8s: the image, holding the repository at " + K8S_WORKDIR
          + " (default: ${DEFAULT-VALUE})")
  String image;

  @Option(names = "--volume-claim", paramLabel = "PVC", defaultValue = "ddrm-results",
      description = "with --emit k8s: the shared (ReadWriteMany) volume claim mounted at "
          + K8S_MOUNT + " for the suite's directory and backend cache (default: ${DEFAULT-VALUE})")
  String volumeClaim;

  @Option(names = "--no-report", hidden = true,
      description = "run cells but leave the report to another process (workers, array tasks)")
  boolean noReport;

  /** The cluster engines {@code --emit} writes launchers for. */
  enum Engine { slurm, k8s }

  static final String K8S_WORKDIR = "/opt/ddrm";
  static final String K8S_MOUNT = "/results";

  @Override
  public Integer call() {
    checkOptions();
    SuiteFile suite = seeds == null
        ? SuiteFile.load(suiteFile)
        : SuiteFile.load(suiteFile).withSeeds(seeds);
    SuiteFile chosen = rows == null ? suite : suite.withOnlyRows(rows);
    Path directory = out != null ? out : suite.directory();
    if (chosen.search().isPresent() && (cell != null || emit != null)) {
      throw new ParameterException(spec.commandLine(), "suite '" + suite.name() + "' searches"
          + " hyper-parameters (search.method): its later cells depend on its earlier results, so"
          + " it has no fixed cell list for --cell or --emit; run it with 'ddrm suite "
          + suiteFile + " [--workers N]'");
    }
    int cells = SuiteGrid.cells(chosen, directory).size();
    if (cell != null && cell >= cells) {
      throw new ParameterException(spec.commandLine(), "--cell " + cell + ": suite '"
          + suite.name() + "' has cells 0 to " + (cells - 1) + " (see --list-cells)");
    }
    if (listCells) {
      listCells(chosen, directory, ProviderRegistry.discover());
      return 0;
    }
    if (emit != null) {
      emit(chosen, directory);
      return 0;
    }
    long start = System.nanoTime();
    if (workers != null) {
      int failed = new WorkerPool(WorkerPool.currentJvm(), Path.of("").toAbsolutePath(), System.out)
          .run(workers, suiteArguments(directory.toAbsolutePath(), suiteFile.toAbsolutePath()));
      System.out.printf(Locale.ROOT, "suite '%s': %d workers ended, %d with an error; %.1f s%n", suite.name(),
          workers, failed, (System.nanoTime() - start) / 1e9);
    } else if (!reportOnly) {
      SuiteRunner runner = new SuiteRunner(chosen, directory, ProviderRegistry.discover(),
          System.out, overrides(), Claim.leaseFromEnvironment());
      SuiteRunner.Tally tally = cell == null ? runner.run() : runner.runCell(cell);
      System.out.printf(Locale.ROOT, "suite '%s': %d cells run, %d failed, %d finished before, %d finished by"
          + " other runners, %d reused from other suites; %.1f s%n", suite.name(),
          tally.finished(), tally.failed(), tally.skipped(), tally.elsewhere(), tally.reused(),
          (System.nanoTime() - start) / 1e9);
      if (noReport || cell != null) {
        return tally.failed() == 0 ? 0 : 1;
      }
    }
    SuiteReport.Written report = SuiteReport.write(suite, directory);
    System.out.println();
    System.out.println(report.markdown());
    System.out.println("report written to " + directory.resolve("report") + " ("
        + report.files().size() + " files)");
    boolean complete = report.table().lines().stream()
        .filter(l -> rows == null || rows.contains(l.variant().row().name()))
        .allMatch(l -> l.finished() == l.planned());
    return complete ? 0 : 1;
  }

  private void checkOptions() {
    int modes = (reportOnly ? 1 : 0) + (listCells ? 1 : 0) + (cell != null ? 1 : 0)
        + (workers != null ? 1 : 0) + (emit != null ? 1 : 0);
    if (modes > 1) {
      throw new ParameterException(spec.commandLine(), "choose one of --report-only,"
          + " --list-cells, --cell, --workers and --emit");
    }
    if (workers != null && workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be at least 1");
    }
    if (parallel != null && parallel < 1 || cpus < 1) {
      throw new ParameterException(spec.commandLine(), "--parallel and --cpus must be at least 1");
    }
    if (cell != null && cell < 0) {
      throw new ParameterException(spec.commandLine(), "--cell must be 0 or more");
    }
  }

  private List<String> overrides() {
    for (String override : set) {
      if (!override.contains("=")) {
        throw new ParameterException(spec.commandLine(),
            "--set expects KEY=VALUE, not '" + override + "'");
      }
    }
    return set;
  }

  private void listCells(SuiteFile suite, Path directory, ProviderRegistry registry) {
    List<SuiteCell> cells = SuiteGrid.cells(suite, directory);
    System.out.printf(Locale.ROOT, "%-5s  %-9s  %-16s  %-24s  %-11s  %s%n", "index", "state", "row", "point",
        "seed", "detail");
    for (int k = 0; k < cells.size(); k++) {
      SuiteCell c = cells.get(k);
      CellOutcome outcome = CellOutcome.read(c, directory);
      String state = state(outcome.status());
      String detail = outcome.reason();
      boolean stale = false;
      if (outcome.status() == CellOutcome.Status.FINISHED) {
        Optional<String> changed =
            CellSettings.changed(c, c.directory(directory), overrides(), registry);
        if (changed.isPresent()) {
          stale = true;
          state = "stale";
          detail = "settings changed since it finished (" + changed.get() + "): runs again";
        }
      }
      if (stale || outcome.status() == CellOutcome.Status.NOT_RUN) {
        Optional<Path> donor = CellDonors.forCell(suite, c, overrides(), registry);
        if (donor.isPresent()) {
          detail = (stale ? "settings changed since it finished: " : "") + "copies "
              + donor.get() + " (suite.reuse)";
        }
      }
      String point = c.variant().point().isEmpty() ? "-" : c.variant().point().toString();
      System.out.printf(Locale.ROOT, "%-5d  %-9s  %-16s  %-24s  %-11s  %s%n", k, state,
          c.variant().row().name() + c.variant().trial().map(t -> " #" + (t + 1)).orElse(""),
          point, c.seed().map(String::valueOf).orElse("config"), detail);
    }
  }

  private static String state(CellOutcome.Status status) {
    return switch (status) {
      case FINISHED -> "finished";
      case RUNNING -> "running";
      case FAILED, MISSING -> "failed";
      case NOT_RUN -> "pending";
    };
  }

  private void emit(SuiteFile suite, Path directory) {
    int cells = SuiteGrid.cells(suite, directory).size();
    int atOnce = parallel == null ? cells : Math.min(parallel, cells);
    Path here = Path.of("").toAbsolutePath();
    if (emit == Engine.slurm) {
      SuiteInvocation invocation = new SuiteInvocation(launcher(), here,
          suiteArguments(directory.toAbsolutePath(), suiteFile.toAbsolutePath()));
      List<Path> files = SlurmArray.write(directory.resolve("launch").resolve("slurm"),
          invocation, suite.name(), cells, atOnce, cpus);
      System.out.println("Slurm job array of " + cells + " cells (" + atOnce + " at once) and"
          + " report job written:");
      files.forEach(f -> System.out.println("  " + f));
      System.out.println("submit with: bash " + files.get(2));
    } else {
      Path file = suiteFile.toAbsolutePath().normalize();
      Path inImage = file.startsWith(here) ? here.relativize(file) : file;
      Path outInVolume = Path.of(K8S_MOUNT).resolve(directory.toAbsolutePath().normalize()
          .getFileName());
      List<String> arguments = suiteArguments(outInVolume, inImage);
      arguments.addAll(List.of("--set", "cache.dir=" + K8S_MOUNT + "/backend-cache"));
      String manifest = new KubernetesJobs(suite.name(), cells, atOnce, image, volumeClaim,
          K8S_MOUNT, cpus, "8Gi").manifest(
              new SuiteInvocation(Path.of("bin/ddrm"), Path.of(K8S_WORKDIR), arguments));
      Path target = directory.resolve("launch").resolve("k8s").resolve("suite.yaml");
      AtomicFiles.write(target, manifest);
      System.out.println("Kubernetes Indexed Job of " + cells + " cells (" + atOnce + " at once)"
          + " and report Job written to " + target);
      System.out.println("apply with: kubectl apply -f " + target);
    }
  }

  /** The arguments that make another runner see this suite's cells, writing into {@code dir}. */
  private List<String> suiteArguments(Path dir, Path file) {
    List<String> arguments = new ArrayList<>(List.of(file.toString(), "--out", dir.toString()));
    if (seeds != null) {
      arguments.add("--seeds");
      arguments.add(String.join(",", seeds.stream().map(String::valueOf).toList()));
    }
    if (rows != null) {
      arguments.add("--rows");
      arguments.add(String.join(",", rows));
    }
    for (String override : overrides()) {
      arguments.add("--set");
      arguments.add(override);
    }
    return arguments;
  }

  /** The {@code ddrm} command of this installation ({@code $DDRM_HOME/bin/ddrm}). */
  private static Path launcher() {
    return Optional.ofNullable(System.getenv("DDRM_HOME")).map(Path::of)
        .orElse(Path.of("").toAbsolutePath()).resolve("bin").resolve("ddrm");
  }
}
