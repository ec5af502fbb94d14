package org.ddrm.eval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    return Main.commandLine().setErr(new PrintWriter(err, true)).execute(args);
  }

  @Test
  void listSettingsShowsProviderAndFrameworkKeysWithDefaults() {
    StringWriter out = new StringWriter();
    int code = new CommandLine(new DdrmCommand()).setOut(new PrintWriter(out, true))
        .execute("list", "--settings");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("mf.dim = 64", "ddrm.steps = 20", "seed = 2024",
        "denoise.seed = ", "cache.dir = runs/backend-cache");
  }

  @Test
  void unknownKeyFailsWithOneLineNamingTheNearestKey() throws Exception {
    Path config = dir.resolve("typo.properties");
    Files.writeString(config, "backend = mf\nmf.dimension = 8\n");
    assertThat(execute("run", config.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown setting 'mf.dimension'", "typo.properties", "did you mean 'mf.dim'?")
        .doesNotContain("\tat ");
  }

  @Test
  void unknownBackendNamesTheAvailableOnes() throws Exception {
    Path config = dir.resolve("nobackend.properties");
    Files.writeString(config, "backend = fm\n");
    assertThat(execute("run", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no embedding backend provider named 'fm'", "mf");
  }

  @Test
  void missingDataDirectoryNamesTheKeyAndPath() throws Exception {
    Path config = dir.resolve("nodata.properties");
    Files.writeString(config, "backend = mf\ndata.path = /no/such/split\n");
    assertThat(execute("run", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("data.path = '/no/such/split'");
  }

  @Test
  void benchWritesTimings() throws Exception {
    Path config = tinyMfConfig("bench.properties", "");
    Path out = dir.resolve("bench");
    assertThat(execute("bench", config.toString(), "--epochs", "2", "--out", out.toString()))
        .isEqualTo(0);
    String json = Files.readString(out.resolve("bench.json"));
    assertThat(json).contains("train_seconds_per_epoch", "eval_seconds", "peak_rss_mb");
  }

  @Test
  void aSuiteWhoseConfigsAreMissingStillWritesItsReportAndExitsWithOne() throws Exception {
    Path suite = dir.resolve("later.properties");
    Files.writeString(suite, "suite.seeds = 1, 2\nrow.lightgcn.config = lightgcn.properties\n");
    Path out = dir.resolve("out");
    assertThat(execute("suite", suite.toString(), "--out", out.toString())).isEqualTo(1);
    assertThat(Files.readString(out.resolve("report/results.md")))
        .contains("| lightgcn |", "missing: config file not found");
  }

  @Test
  void seedsGivenOnTheCommandLineReplaceTheSuitesOwn() throws Exception {
    Path suite = dir.resolve("later.properties");
    Files.writeString(suite, "suite.seeds = 1, 2\nrow.lightgcn.config = lightgcn.properties\n");
    Path out = dir.resolve("out");
    assertThat(execute("suite", suite.toString(), "--seeds", "7", "--out", out.toString()))
        .isEqualTo(1);
    assertThat(Files.readString(out.resolve("report/results.md"))).contains("| lightgcn | 0/1 |");
  }

  @Test
  void chosenRowsRunAloneWhileTheReportCoversEveryRow() throws Exception {
    tinyMfConfig("tiny.properties", "train.epochs = 1\ntrain.eval_every = 1\n"
        + "train.min_epochs = 1\neval.ks = 10, 20\ncache.enabled = false\n");
    Path suite = dir.resolve("two.properties");
    Files.writeString(suite, "suite.seeds = 1\nrow.tiny.config = tiny.properties\n"
        + "row.later.config = later.properties\n");
    Path out = dir.resolve("out");
    assertThat(execute("suite", suite.toString(), "--rows", "tiny", "--out", out.toString()))
        .isEqualTo(0);
    assertThat(out.resolve("cells/tiny/seed-1/metrics.json")).isRegularFile();
    assertThat(out.resolve("cells/later")).doesNotExist();
    assertThat(Files.readString(out.resolve("report/results.md")))
        .contains("| tiny | 1/1 |", "| later | 0/1 |");

    assertThat(execute("suite", suite.toString(), "--rows", "tinny", "--out", out.toString()))
        .isNotZero();
    assertThat(err.toString()).contains("no row 'tinny' (rows: tiny, later)");
  }

  /** An 8-dimensional MF-BPR config on a small synthetic data set, plus {@code extra} lines. */
  private Path tinyMfConfig(String name, String extra) throws Exception {
    Path config = dir.resolve(name);
    Files.writeString(config, "backend = mf\nmf.dim = 8\ndata.synthetic.users = 200\n"
        + "data.synthetic.items = 150\n" + extra);
    return config;
  }

  @Test
  void runNeedsAConfigOrAResumeDirectory() throws Exception {
    assertThat(execute("run")).isEqualTo(2);
    assertThat(err.toString()).contains("give either a CONFIG file or --resume DIR");
    assertThat(execute("run", "--resume", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not a run directory");
  }

  @Test
  void listCellsGivesEachCellsIndexAndState() throws Exception {
    Path suite = dir.resolve("later.properties");
    Files.writeString(suite, "suite.seeds = 1, 2\nrow.lightgcn.config = lightgcn.properties\n");
    Path out = dir.resolve("out");
    assertThat(execute("suite", suite.toString(), "--cell", "1", "--out", out.toString()))
        .isEqualTo(1);
    String listing = stdout(() -> execute("suite", suite.toString(), "--list-cells", "--out",
        out.toString()));
    assertThat(listing.lines().skip(1).map(l -> l.replaceAll(" +", " ").trim()))
        .containsExactly("0 pending lightgcn - 1",
            "1 failed lightgcn - 2 config file not found: " + dir.resolve("lightgcn.properties")
                + " (not written yet?)");
  }

  @Test
  void listCellsMarksAFinishedCellWhoseConfigChangedSinceAsStale() throws Exception {
    Path config = tinyMfConfig("mf.properties", "train.epochs = 1\n");
    Path suite = dir.resolve("stale.properties");
    Files.writeString(suite, "suite.seeds = 1\nrow.mf.config = mf.properties\n");
    Path out = dir.resolve("out");
    assertThat(execute("suite", suite.toString(), "--out", out.toString())).isZero();
    Files.writeString(config, "mf.reg = 0.5\n", java.nio.file.StandardOpenOption.APPEND);
    String listing = stdout(() -> execute("suite", suite.toString(), "--list-cells", "--out",
        out.toString()));
    assertThat(listing.lines().skip(1).map(l -> l.replaceAll(" +", " ").trim()))
        .containsExactly("0 stale mf - 1 settings changed since it finished (mf.reg): runs again");
  }

  @Test
  void listCellsNamesTheDonorAStaleCellWillBeCopiedFrom() throws Exception {
    Path config = tinyMfConfig("mf.properties", "train.epochs = 1\n");
    Path figure = dir.resolve("figure.properties");
    Files.writeString(figure,
        "suite.seeds = 1\nsuite.reuse = table\nrow.mf.config = mf.properties\n");
    Path table = dir.resolve("table.properties");
    Files.writeString(table, "suite.seeds = 1\nrow.mf-bpr.config = mf.properties\n");
    Path out = dir.resolve("figure");
    assertThat(execute("suite", figure.toString(), "--out", out.toString())).isZero();
    Files.writeString(config, "mf.reg = 0.5\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(execute("suite", table.toString(), "--out", dir.resolve("table").toString()))
        .isZero();
    String listing = stdout(() -> execute("suite", figure.toString(), "--list-cells", "--out",
        out.toString()));
    assertThat(listing.lines().skip(1).map(l -> l.replaceAll(" +", " ").trim()))
        .containsExactly("0 stale mf - 1 settings changed since it finished: copies "
            + dir.resolve("table/cells/mf-bpr/seed-1").toAbsolutePath().normalize()
            + " (suite.reuse)");
  }

  @Test
  void aCellIndexOutOfRangeNamesTheSuitesRange() throws Exception {
    Path suite = dir.resolve("later.properties");
    Files.writeString(suite, "suite.seeds = 1, 2\nrow.lightgcn.config = lightgcn.properties\n");
    assertThat(execute("suite", suite.toString(), "--cell", "2")).isNotZero();
    assertThat(err.toString()).contains("--cell 2: suite 'later' has cells 0 to 1");
  }

  @Test
  void aSearchSuiteHasNoFixedCellListForArraysOrSingleCells() throws Exception {
    Path suite = dir.resolve("search.properties");
    Files.writeString(suite, "row.mf.config = mf.properties\nsearch.method = tpe\n"
        + "search.budget = 4\nsearch.range.train.lr = loguniform(0.001, 0.1)\n");
    assertThat(execute("suite", suite.toString(), "--emit", "slurm")).isEqualTo(2);
    assertThat(err.toString()).contains("suite 'search' searches hyper-parameters"
        + " (search.method): its later cells depend on its earlier results");
  }

  @Test
  void theLaunchModesExcludeEachOther() {
    assertThat(execute("suite", "x.properties", "--workers", "2", "--emit", "slurm")).isNotZero();
    assertThat(err.toString()).contains("choose one of --report-only, --list-cells, --cell,"
        + " --workers and --emit");
  }

  private static String stdout(Runnable action) {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(saved);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
