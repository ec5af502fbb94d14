package org.ddrm.eval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input as a hostile new user would give it — data files in every format the loader reads,
 * raw ratings in every format {@code ddrm data prepare} reads, configs, suite files, command lines
 * — each through the real command line: the exit code, the one {@code ddrm: error:} line and what
 * it names, and no new {@code metrics.json} anywhere.
 */
class MalformedInputCorpusTest {
  private static final String TINY = "backend = mf\nmf.dim = 8\ndata.synthetic.users = 200\n"
      + "data.synthetic.items = 150\ntrain.epochs = 2\ntrain.eval_every = 1\n"
      + "train.min_epochs = 1\ncache.enabled = false\n";

  @TempDir Path dir;

  /** Writes a case's files into a directory and returns the command line to run there. */
  @FunctionalInterface
  interface Setup {
    List<String> arrange(Path dir) throws IOException;
  }

  /**
   * One malformed input.
   *
   * @param name what is wrong
   * @param setup its files and command line
   * @param exitCode the expected exit code
   * @param fragments what the error line must name
   */
  record Case(String name, Setup setup, int exitCode, List<String> fragments) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    // data files
    cases.add(data("non-numeric user id", "0\t1\nx\t2\n", "train.tsv, line 2", "user id"));
    cases.add(data("negative item id", "0\t1\n1\t-2\n", "train.tsv, line 2", "item id"));
    cases.add(data("a third column on one line", "0\t1\n1\t2\t5\n0\t3\n", "train.tsv, line 2",
        "exactly two fields", "found 3"));
    cases.add(data("one field on a line", "0\t1\n7\n", "train.tsv, line 2", "exactly two fields"));
    cases.add(data("a decimal id", "0\t1\n1.5\t2\n", "train.tsv, line 2"));
    cases.add(data("an id past the integer range", "0\t1\n99999999999\t2\n", "train.tsv, line 2"));
    cases.add(data("an empty train file", "", "train.tsv", "no pairs"));
    cases.add(data("a train file with a header only", "user\titem\n", "train.tsv", "no pairs"));
    cases.add(data("a train file of blank lines", "\n\n  \n", "train.tsv", "no pairs"));
    cases.add(split("an empty valid file", d -> Files.writeString(d.resolve("valid.tsv"), ""),
        "valid.tsv", "no pairs"));
    cases.add(split("a missing test split", d -> Files.delete(d.resolve("test.tsv")),
        "no test split"));
    cases.add(split("noise labels for too few pairs",
        d -> Files.writeString(d.resolve("train_noise_labels.txt"), "0\n"), "train_noise_labels.txt"));
    cases.add(npy("an .npy of float64", "<f8", "(2, 2)", 4, "train.npy"));
    cases.add(npy("an .npy of three columns", "<i8", "(2, 3)", 6, "train.npy"));
    cases.add(npy("a truncated .npy", "<i8", "(4, 2)", 3, "train.npy"));
    cases.add(split("an .npy without its magic", d -> {
      Files.delete(d.resolve("train.tsv"));
      Files.writeString(d.resolve("train.npy"), "not numpy at all");
    }, "train.npy"));
    cases.add(config("a data.path that does not exist", "data.path = /no/such/split\n",
        "data.path = '/no/such/split'", "no such directory"));
    cases.add(new Case("a data.path that is a file", d -> {
      Files.writeString(d.resolve("ratings.dat"), "1::2::5::978300760\n");
      return runConfig(d, TINY + "data.path = " + d.resolve("ratings.dat") + "\n");
    }, 2, List.of("is a file", "ddrm data prepare")));
    // raw ratings for 'ddrm data prepare', in every format it reads
    cases.add(prepare("an empty MovieLens file", "movielens", "ratings.dat", "",
        "ratings.dat: no ratings in the file"));
    cases.add(prepare("a MovieLens rating that is a word", "movielens", "ratings.dat",
        "1::2::x::3\n1::3::4::5\n", "ratings.dat, line 1: rating 'x' is not a number"));
    cases.add(prepare("a Yelp line that is not JSON", "yelp", "review.json",
        "{\"user_id\":\"a\",\"business_id\":\"b\",\"stars\":5,\"date\":\"2019-01-01 00:00:00\"}\n"
            + "not json\n", "review.json, line 2: malformed JSON"));
    cases.add(prepare("a Yelp review without its business", "yelp", "review.json",
        "{\"user_id\":\"a\",\"stars\":5,\"date\":\"2019-01-01 00:00:00\"}\n",
        "review.json, line 1: no 'business_id' field"));
    cases.add(prepare("an Amazon time that is a word", "amazon", "ratings.csv",
        "u1,i1,5.0,abc\n", "ratings.csv, line 1: timestamp 'abc' is not a number"));
    cases.add(new Case("a truncated .gz", d -> {
      Path gz = d.resolve("ratings.csv.gz");
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
        out.write("u1,i1,5.0,100\nu2,i2,4.0,200\n".repeat(50).getBytes(StandardCharsets.UTF_8));
      }
      byte[] whole = Files.readAllBytes(gz);
      Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
      return List.of("data", "prepare", "--format", "amazon", gz.toString(), "--out",
          d.resolve("prepared").toString());
    }, 2, List.of("ratings.csv.gz", "truncated or corrupt")));
    cases.add(prepare("a RecBole header without ratings", "recbole", "ml.inter",
        "user_id:token\titem_id:token\n1\t2\n", "ml.inter, line 1: the header has no column"));
    cases.add(prepare("a csv column past the line's end", "csv", "log.csv", "a,b,5,1\n",
        "log.csv, line 1: expected 10 fields", "--user-col", "9"));
    cases.add(prepare("k-core minimums that leave nothing", "movielens", "ratings.dat",
        "1::2::5::1\n2::3::4::2\n", "leaves none of the 2 ratings", "--user-core", "5"));
    cases.add(prepare("too few ratings for a test split", "movielens", "ratings.dat",
        "1::2::5::1\n2::3::4::2\n", "the test split of", "would be empty"));
    cases.add(new Case("a raw file that does not exist", d -> List.of("data", "prepare",
        d.resolve("nothere.dat").toString(), "--out", d.resolve("o").toString()), 2,
        List.of("nothere.dat: no such file")));
    // settings
    cases.add(config("an unknown key", "mf.dimension = 8\n", "unknown setting 'mf.dimension'",
        "did you mean 'mf.dim'?"));
    cases.add(config("a zero learning rate", "train.lr = 0\n", "'train.lr' = '0'", "> 0"));
    cases.add(config("a negative learning rate", "train.lr = -0.1\n", "'train.lr'", "> 0"));
    cases.add(config("a learning rate that is a word", "train.lr = fast\n", "'train.lr'"));
    cases.add(config("zero epochs", "train.epochs = 0\n", "'train.epochs'", ">= 1"));
    cases.add(config("a zero batch size", "train.batch_size = 0\n", "'train.batch_size'"));
    cases.add(config("a zero embedding size", "mf.dim = 0\n", "'mf.dim'", ">= 1"));
    cases.add(config("a negative regularisation", "mf.reg = -1\n", "'mf.reg'", ">= 0"));
    cases.add(config("a dropout above one", "denoiser = ddrm\nddrm.dropout = 1.5\n",
        "'ddrm.dropout'", "< 1"));
    cases.add(config("an unknown activation", "denoiser = ddrm\nddrm.activation = gelu\n",
        "'ddrm.activation'", "sigmoid, relu, tanh"));
    cases.add(config("a flag that is neither true nor false", "tf.deterministic = maybe\n",
        "'tf.deterministic'", "true, false"));
    cases.add(config("a cut-off that is not a number", "eval.ks = 10, x\n", "'eval.ks'"));
    cases.add(config("a planted-noise share of one", "data.inject_noise_ratio = 1\n",
        "'data.inject_noise_ratio'", "< 1"));
    cases.add(config("a seed that is a word", "seed = lucky\n", "'seed'"));
    cases.add(config("an unknown pooling", "denoiser = ddrm\nddrm.propagation_pooling = max\n",
        "'ddrm.propagation_pooling'"));
    cases.add(config("an unknown loss ablation", "denoiser = ddrm\nddrm.loss = mse\n",
        "'ddrm.loss'", "both, reconstruction, reweight"));
    cases.add(config("an unknown backend", "backend = fm\n",
        "no embedding backend provider named 'fm'"));
    cases.add(config("an unknown denoiser", "denoiser = ddpm\n", "ddpm"));
    cases.add(new Case("a backend and a recommender", d -> runConfig(d,
        TINY + "recommender = cdae\n"), 2, List.of("set exactly one of 'backend'")));
    cases.add(new Case("neither backend nor recommender", d -> runConfig(d, "seed = 1\n"), 2,
        List.of("set exactly one of 'backend'")));
    cases.add(new Case("an override without '='", d -> List.of("run",
        write(d, "c.properties", TINY), "--set", "train.lr"), 2, List.of("key=value")));
    // command lines
    cases.add(new Case("a config file that does not exist", d -> List.of("run",
        d.resolve("nothere.properties").toString()), 2, List.of("config file not found")));
    cases.add(new Case("run without a config", d -> List.of("run"), 2,
        List.of("give either a CONFIG file or --resume DIR")));
    cases.add(new Case("an unknown option", d -> List.of("run", "--epochs", "3"), 2,
        List.of("Unknown option", "ddrm run --help")));
    cases.add(new Case("an unknown command", d -> List.of("train"), 2,
        List.of("Unmatched argument", "ddrm --help")));
    cases.add(new Case("--resume of a directory that is no run", d -> List.of("run", "--resume",
        d.toString()), 2, List.of("is not a run directory")));
    cases.add(new Case("--resume with --set", d -> List.of("run", "--resume", d.toString(),
        "--set", "seed=1"), 2, List.of("--set, --out and --overwrite do not apply")));
    cases.add(new Case("--out naming a file", d -> {
      Path file = Files.writeString(d.resolve("taken.txt"), "mine\n");
      return List.of("run", write(d, "c.properties", TINY), "--out", file.toString());
    }, 2, List.of("taken.txt is a file, not a directory")));
    cases.add(new Case("--out naming a finished run", d -> {
      Path run = Files.createDirectories(d.resolve("done"));
      Files.writeString(run.resolve("config.properties"), "backend = mf\n");
      Files.writeString(run.resolve("metrics.json"), "{}\n");
      return List.of("run", write(d, "c.properties", TINY), "--out", run.toString());
    }, 2, List.of("holds a finished run", "--overwrite")));
    cases.add(new Case("--out naming an interrupted run", d -> {
      Path run = Files.createDirectories(d.resolve("half"));
      Files.writeString(run.resolve("config.properties"), "backend = mf\n");
      return List.of("run", write(d, "c.properties", TINY), "--out", run.toString());
    }, 2, List.of("holds an interrupted run", "ddrm run --resume")));
    cases.add(new Case("--out naming a directory of other files", d -> {
      Path other = Files.createDirectories(d.resolve("photos"));
      Files.writeString(other.resolve("cat.jpg"), "meow");
      return List.of("run", write(d, "c.properties", TINY), "--out", other.toString());
    }, 2, List.of("photos is a directory with other files")));
    cases.add(new Case("bench of a missing config", d -> List.of("bench",
        d.resolve("gone.properties").toString()), 2, List.of("not found")));
    // suite files
    cases.add(new Case("a suite key with a typo", d -> List.of("suite", write(d,
        "s.properties", "suite.sedes = 1\nrow.a.config = a.properties\n")), 2,
        List.of("s.properties", "unknown suite key 'suite.sedes'")));
    cases.add(new Case("a suite without rows", d -> List.of("suite", write(d,
        "s.properties", "suite.seeds = 1\n")), 2, List.of("at least one row")));
    cases.add(new Case("suite seeds that are words", d -> List.of("suite", write(d,
        "s.properties", "suite.seeds = one\nrow.a.config = a.properties\n")), 2,
        List.of("suite.seeds")));
    cases.add(new Case("a suite baseline that is no row", d -> List.of("suite", write(d,
        "s.properties", "suite.baseline = b\nrow.a.config = a.properties\n")), 2,
        List.of("suite.baseline = 'b'")));
    cases.add(new Case("--rows naming no row", d -> List.of("suite", write(d, "s.properties",
        "row.a.config = a.properties\n"), "--rows", "b"), 2, List.of("no row 'b' (rows: a)")));
    // a run that fails
    cases.add(new Case("a learning rate that makes the loss explode", d -> runConfig(d,
        TINY + "train.lr = 1e6\n"), 1, List.of("training diverged", "backend loss grew")));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void badInputEndsAsOneLineNamingTheCause(Case c) throws Exception {
    List<String> args = c.setup().arrange(dir);
    List<Path> metricsBefore = metricsFiles();
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setErr(new PrintWriter(err, true))
        .setOut(new PrintWriter(new StringWriter(), true))
        .execute(args.toArray(String[]::new));

    assertThat(code).as("exit code").isEqualTo(c.exitCode());
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).as("stderr").hasSize(1);
    assertThat(lines.get(0)).startsWith("ddrm: error: ").contains(c.fragments());
    assertThat(metricsFiles()).as("metrics.json files").isEqualTo(metricsBefore);
  }

  @org.junit.jupiter.api.Test
  void theCorpusHoldsAtLeastFortyCases() {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
  }

  private List<Path> metricsFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().equals("metrics.json")).sorted()
          .toList();
    }
  }

  /** A split directory whose train file holds {@code train}; valid and test are fine. */
  private static Case data(String name, String train, String... fragments) {
    return split(name, d -> Files.writeString(d.resolve("train.tsv"), train), fragments);
  }

  @FunctionalInterface
  interface Spoil {
    void apply(Path splitDirectory) throws IOException;
  }

  /** A valid split directory, then spoiled, run with the tiny MF config. */
  private static Case split(String name, Spoil spoil, String... fragments) {
    return new Case(name, d -> {
      Path data = Files.createDirectories(d.resolve("data"));
      Files.writeString(data.resolve("train.tsv"), "0\t1\n1\t2\n2\t0\n0\t2\n");
      Files.writeString(data.resolve("valid.tsv"), "1\t0\n2\t1\n");
      Files.writeString(data.resolve("test.tsv"), "0\t0\n1\t1\n");
      spoil.apply(data);
      return runConfig(d, TINY + "data.path = " + data + "\n");
    }, 2, List.of(fragments));
  }

  /** A train split as an .npy file of the given dtype and shape holding {@code values} values. */
  private static Case npy(String name, String descr, String shape, int values,
      String... fragments) {
    return split(name, d -> {
      Files.delete(d.resolve("train.tsv"));
      String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape
          + ", }";
      int padded = ((10 + dict.length() + 1 + 63) / 64) * 64;
      String header = dict + " ".repeat(padded - 10 - dict.length() - 1) + "\n";
      ByteBuffer bytes = ByteBuffer.allocate(padded + 8 * values).order(ByteOrder.LITTLE_ENDIAN);
      bytes.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      bytes.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
      for (int k = 0; k < values; k++) {
        bytes.putLong(k % 2);
      }
      Files.write(d.resolve("train.npy"), bytes.array());
    }, fragments);
  }

  /**
   * {@code ddrm data prepare --format FORMAT FILE} on a file holding {@code text}; a fragment
   * starting with {@code --} and everything after it are further options.
   */
  private static Case prepare(String name, String format, String file, String text,
      String... fragmentsThenOptions) {
    List<String> fragments = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String f : fragmentsThenOptions) {
      (options.isEmpty() && !f.startsWith("--") ? fragments : options).add(f);
    }
    return new Case(name, d -> {
      List<String> args = new ArrayList<>(List.of("data", "prepare", "--format", format,
          Files.writeString(d.resolve(file), text).toString(), "--out",
          d.resolve("prepared").toString()));
      args.addAll(options);
      return args;
    }, 2, fragments);
  }

  /** The tiny MF config plus {@code extra} lines. */
  private static Case config(String name, String extra, String... fragments) {
    return new Case(name, d -> runConfig(d, TINY + extra), 2, List.of(fragments));
  }

  private static List<String> runConfig(Path d, String text) throws IOException {
    return List.of("run", write(d, "case.properties", text), "--out", d.resolve("run").toString());
  }

  private static String write(Path d, String name, String text) throws IOException {
    return Files.writeString(d.resolve(name), text).toString();
  }
}
