package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.config.ConfigLoader;

/**
 * An experiment suite read from a properties file (Commons Configuration, like run configs:
 * {@code include} and {@code ${key}} work). Keys:
 *
 * <ul>
 *   <li>{@code suite.name}, {@code suite.description};
 *   <li>{@code suite.seeds} (comma-separated; each cell sets {@code seed}; absent: each config's
 *       own seed);
 *   <li>{@code suite.baseline}: the row every other row is tested against
 *       ({@code row.NAME.baseline} names another one for a row, or several, comma-separated:
 *       the first is the one the table marks, the others are further comparisons);
 *   <li>{@code suite.metrics}: the table's metrics (default {@code recall@20, ndcg@20});
 *   <li>{@code suite.out}: the suite's directory, relative to the suite file (default
 *       {@code runs/suite-NAME} under the working directory); the paper suites keep their records
 *       in the repository's {@code results/};
 *   <li>{@code suite.reuse}: other suites' directories (comma-separated, relative to the suite
 *       file) whose finished cells stand for this suite's cells with exactly their settings
 *       ({@link CellDonors}): copied, not run again;
 *   <li>{@code set.KEY = VALUE}: an override for every cell;
 *   <li>{@code sweep.KEY = V1, V2, ...}: a grid axis over every row ({@code sweep.K1+K2}: one
 *       axis setting both keys to each value, e.g. {@code ddrm.steps+ddrm.inference_steps});
 *   <li>{@code row.NAME.config}: a row's config file, relative to the suite file; rows run in file
 *       order; {@code row.NAME.set.KEY}, {@code row.NAME.sweep.KEY}: the row's own overrides
 *       and axes;
 *   <li>{@code search.method = grid|random|tpe}: search the rows' hyper-parameters
 *       ({@link SearchSettings}): {@code search.range.KEY} = a {@link SearchRange} per searched
 *       key ({@code random}, {@code tpe}; {@code grid} searches the {@code sweep.*} axes),
 *       {@code search.budget} (trials per row), {@code search.metric} (the validation metric
 *       selected on, default {@code recall@20}), {@code search.seed} (the sampler's, default the
 *       first suite seed), {@code search.startup} ({@code tpe}'s random trials first, default a
 *       quarter of the budget, at least 3), {@code search.rows} (default every row);
 *   <li>{@code bench.baseline}, {@code bench.tolerance}, {@code bench.epochs}: for
 *       {@code ddrm bench SUITE_FILE}.
 * </ul>
 *
 * @param source the suite file
 * @param name the suite's name
 * @param description one line on what it reproduces
 * @param seeds the seeds every variant runs with (empty: the configs' own seed)
 * @param baseline the baseline row's name, or empty
 * @param metrics the reported metrics
 * @param out the suite's directory when the file names one ({@code suite.out})
 * @param reuse other suites' directories whose cells this one may copy ({@code suite.reuse})
 * @param set overrides for every cell, in file order
 * @param sweeps grid axes over every row
 * @param rows the rows in file order
 * @param search the hyper-parameter search, if the suite has one
 * @param bench the benchmark settings
 */
public record SuiteFile(Path source, String name, String description, List<Long> seeds,
    Optional<String> baseline, List<String> metrics, Optional<Path> out, List<Path> reuse,
    Map<String, String> set,
    Map<String, List<String>> sweeps, List<Row> rows, Optional<SearchSettings> search,
    BenchSettings bench) {

  private static final Pattern ROW_KEY =
      Pattern.compile("row\\.([A-Za-z0-9_-]+)\\.(config|baseline|set\\.(.+)|sweep\\.(.+))");

  /**
   * One row of the results table: a config and its own overrides and axes.
   *
   * @param name the row's name
   * @param config the config file (resolved against the suite file's directory)
   * @param set the row's overrides
   * @param sweeps the row's own grid axes
   * @param baseline the row it is tested against, when not the suite's baseline
   * @param alsoAgainst further rows it is tested against (a report section of their own)
   */
  public record Row(String name, Path config, Map<String, String> set,
      Map<String, List<String>> sweeps, Optional<String> baseline, List<String> alsoAgainst) {

    /** The row this one is tested against, if any (never itself). */
    public Optional<String> testedAgainst(SuiteFile suite) {
      return baseline.or(suite::baseline).filter(b -> !b.equals(name));
    }

    /** The further rows this one is tested against ({@code row.NAME.baseline} after the first). */
    public List<String> furtherBaselines() {
      return alsoAgainst.stream().filter(b -> !b.equals(name)).toList();
    }
  }

  /**
   * How {@code ddrm bench SUITE_FILE} runs and judges.
   *
   * @param baseline the stored timings to compare with (may not exist yet)
   * @param tolerance the largest accepted ratio of a timing to its baseline
   * @param epochs epochs per stage of each benchmark
   */
  public record BenchSettings(Path baseline, double tolerance, int epochs) {}

  /** Whether a properties file is a suite (it has {@code row.*} keys) rather than a run config. */
  public static boolean isSuite(Path file) {
    return ConfigLoader.load(file, List.of()).values().keySet().stream()
        .anyMatch(k -> k.startsWith("row."));
  }

  /** Reads and checks a suite file. */
  public static SuiteFile load(Path file) {
    Map<String, String> values = ConfigLoader.load(file, List.of()).values();
    Path base = file.toAbsolutePath().getParent();
    String name = baseName(file);
    String description = "";
    List<Long> seeds = List.of();
    Optional<String> baseline = Optional.empty();
    List<String> metrics = List.of("recall@20", "ndcg@20");
    Optional<Path> out = Optional.empty();
    List<Path> reuse = List.of();
    Map<String, String> set = new LinkedHashMap<>();
    Map<String, List<String>> sweeps = new LinkedHashMap<>();
    Map<String, RowBuilder> rows = new LinkedHashMap<>();
    Map<String, String> searchKeys = new LinkedHashMap<>();
    Path benchBaseline = base.resolve(name + "-bench-baseline.json");
    double tolerance = 1.5;
    int benchEpochs = 3;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      String value = e.getValue().trim();
      Matcher row = ROW_KEY.matcher(key);
      if (key.equals("suite.name")) {
        name = value;
      } else if (key.equals("suite.description")) {
        description = value;
      } else if (key.equals("suite.seeds")) {
        seeds = list(file, key, value).stream().map(v -> parseLong(file, key, v)).toList();
      } else if (key.equals("suite.baseline")) {
        baseline = Optional.of(value);
      } else if (key.equals("suite.metrics")) {
        metrics = list(file, key, value);
      } else if (key.equals("suite.out")) {
        out = Optional.of(base.resolve(value).normalize());
      } else if (key.equals("suite.reuse")) {
        reuse = list(file, key, value).stream().map(v -> base.resolve(v).normalize()).toList();
      } else if (key.startsWith("set.")) {
        set.put(key.substring("set.".length()), value);
      } else if (key.startsWith("sweep.")) {
        sweeps.put(key.substring("sweep.".length()), list(file, key, value));
      } else if (row.matches()) {
        RowBuilder r = rows.computeIfAbsent(row.group(1), RowBuilder::new);
        if (row.group(2).equals("config")) {
          r.config = base.resolve(value).normalize();
        } else if (row.group(2).equals("baseline")) {
          List<String> named = list(file, key, value);
          r.baseline = Optional.of(named.get(0));
          r.alsoAgainst = named.subList(1, named.size());
        } else if (row.group(3) != null) {
          r.set.put(row.group(3), value);
        } else {
          r.sweeps.put(row.group(4), list(file, key, value));
        }
      } else if (key.startsWith("search.")) {
        searchKeys.put(key, value);
      } else if (key.equals("bench.baseline")) {
        benchBaseline = base.resolve(value).normalize();
      } else if (key.equals("bench.tolerance")) {
        tolerance = parseDouble(file, key, value);
      } else if (key.equals("bench.epochs")) {
        benchEpochs = (int) parseLong(file, key, value);
      } else {
        throw new ConfigException(file + ": unknown suite key '" + key + "' (expected suite.name,"
            + " suite.description, suite.seeds, suite.baseline, suite.metrics, suite.out, suite.reuse, set.KEY,"
            + " sweep.KEY, row.NAME.config, row.NAME.baseline, row.NAME.set.KEY, row.NAME.sweep.KEY, search.method,"
            + " search.range.KEY, search.budget, search.metric, search.seed, search.startup, search.rows,"
            + " bench.baseline, bench.tolerance, bench.epochs)");
      }
    }
    if (rows.isEmpty()) {
      throw new ConfigException(file + ": a suite needs at least one row.NAME.config");
    }
    List<Row> built = new ArrayList<>();
    for (RowBuilder r : rows.values()) {
      if (r.config == null) {
        throw new ConfigException(file + ": row '" + r.name + "' has no row." + r.name + ".config");
      }
      for (String key : r.sweeps.keySet()) {
        if (sweeps.containsKey(key)) {
          throw new ConfigException(file + ": row '" + r.name + "' sweeps '" + key
              + "', which the suite already sweeps for every row");
        }
      }
      List<String> named = new ArrayList<>();
      r.baseline.ifPresent(named::add);
      named.addAll(r.alsoAgainst);
      for (String b : named) {
        if (!rows.containsKey(b)) {
          throw new ConfigException(file + ": row." + r.name + ".baseline names '" + b
              + "', which is not a row (rows: " + rows.keySet() + ")");
        }
      }
      built.add(new Row(r.name, r.config, Map.copyOf(r.set), Map.copyOf(r.sweeps), r.baseline,
          List.copyOf(r.alsoAgainst)));
    }
    if (baseline.isPresent() && !rows.containsKey(baseline.get())) {
      throw new ConfigException(file + ": suite.baseline = '" + baseline.get()
          + "' is not a row (rows: " + rows.keySet() + ")");
    }
    if (tolerance < 1) {
      throw new ConfigException(file + ": bench.tolerance must be at least 1, got " + tolerance);
    }
    if (benchEpochs < 1) {
      throw new ConfigException(file + ": bench.epochs must be at least 1, got " + benchEpochs);
    }
    Optional<SearchSettings> search = searchKeys.isEmpty() ? Optional.empty()
        : Optional.of(search(file, searchKeys, seeds, sweeps, built));
    return new SuiteFile(file, name, description, seeds, baseline, metrics, out, reuse, set, sweeps,
        built, search, new BenchSettings(benchBaseline, tolerance, benchEpochs));
  }

  private static SearchSettings search(Path file, Map<String, String> keys, List<Long> seeds,
      Map<String, List<String>> sweeps, List<Row> rows) {
    Map<String, String> left = new LinkedHashMap<>(keys);
    String methodText = left.remove("search.method");
    if (methodText == null) {
      throw new ConfigException(file + ": search keys without search.method (grid, random or tpe)");
    }
    SearchSettings.Method method;
    try {
      method = SearchSettings.Method.valueOf(methodText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": search.method = '" + methodText
          + "' is not one of grid, random, tpe");
    }
    Map<String, SearchRange> ranges = new LinkedHashMap<>();
    for (String key : List.copyOf(left.keySet())) {
      if (key.startsWith("search.range.")) {
        ranges.put(key.substring("search.range.".length()),
            SearchRange.parse(file, key, left.remove(key)));
      }
    }
    String budgetText = left.remove("search.budget");
    String metric = Optional.ofNullable(left.remove("search.metric")).orElse("recall@20");
    String seedText = left.remove("search.seed");
    long seed = seedText == null ? seeds.stream().findFirst().orElse(0L)
        : parseLong(file, "search.seed", seedText);
    String startupText = left.remove("search.startup");
    String rowsText = left.remove("search.rows");
    List<String> searched = rowsText == null ? List.of() : list(file, "search.rows", rowsText);
    if (!left.isEmpty()) {
      throw new ConfigException(file + ": unknown search key '" + left.keySet().iterator().next()
          + "' (expected search.method, search.range.KEY, search.budget, search.metric,"
          + " search.seed, search.startup, search.rows)");
    }
    List<String> names = rows.stream().map(Row::name).toList();
    for (String row : searched) {
      if (!names.contains(row)) {
        throw new ConfigException(file + ": search.rows names '" + row
            + "', which is not a row (rows: " + names + ")");
      }
    }
    boolean rowSweeps = rows.stream().anyMatch(r -> !r.sweeps().isEmpty());
    int budget;
    if (method == SearchSettings.Method.GRID) {
      if (!ranges.isEmpty() || budgetText != null || startupText != null) {
        throw new ConfigException(file + ": a grid search runs every point of the sweep.* axes;"
            + " search.range.*, search.budget and search.startup belong to random and tpe");
      }
      if (sweeps.isEmpty() && !rowSweeps) {
        throw new ConfigException(file + ": search.method = grid needs sweep.KEY axes to search");
      }
      budget = 0;
    } else {
      if (ranges.isEmpty()) {
        throw new ConfigException(file + ": search.method = " + methodText
            + " needs at least one search.range.KEY (" + SearchRange.FORMS + ")");
      }
      if (!sweeps.isEmpty() || rowSweeps) {
        throw new ConfigException(file + ": search.method = " + methodText + " draws from"
            + " search.range.KEY; write a swept list as search.range.KEY = choice(A, B, ...)");
      }
      if (budgetText == null) {
        throw new ConfigException(file + ": search.method = " + methodText
            + " needs search.budget (trials per row)");
      }
      budget = (int) parseLong(file, "search.budget", budgetText);
      if (budget < 1) {
        throw new ConfigException(file + ": search.budget must be at least 1, got " + budget);
      }
    }
    int startup = startupText == null ? Math.min(budget, Math.max(3, budget / 4))
        : (int) parseLong(file, "search.startup", startupText);
    if (startup < 0) {
      throw new ConfigException(file + ": search.startup must be 0 or more, got " + startup);
    }
    return new SearchSettings(method, budget, metric, seed, startup,
        Collections.unmodifiableMap(ranges), searched);
  }

  /** Whether the suite searches the row's hyper-parameters. */
  public boolean searches(Row row) {
    return search.filter(s -> s.covers(row.name())).isPresent();
  }

  /** This suite with other seeds (a shorter or longer run of the same grid). */
  public SuiteFile withSeeds(List<Long> otherSeeds) {
    return new SuiteFile(source, name, description, List.copyOf(otherSeeds), baseline, metrics,
        out, reuse, set, sweeps, rows, search, bench);
  }

  /**
   * This suite with only the named rows, in file order (to run some rows first, or again); the
   * cells keep their directories.
   *
   * @throws ConfigException naming the suite's rows when a name is not one of them
   */
  public SuiteFile withOnlyRows(List<String> names) {
    List<String> known = rows.stream().map(Row::name).toList();
    for (String name : names) {
      if (!known.contains(name)) {
        throw new ConfigException(source + ": no row '" + name + "' (rows: "
            + String.join(", ", known) + ")");
      }
    }
    return new SuiteFile(source, name, description, seeds, baseline, metrics, out, reuse, set,
        sweeps, rows.stream().filter(r -> names.contains(r.name())).toList(), search, bench);
  }

  /** Where the suite writes its cells and report: {@code suite.out}, else {@code runs/suite-NAME}. */
  public Path directory() {
    return out.orElseGet(() -> Path.of("runs", "suite-" + name));
  }

  private static final class RowBuilder {
    final String name;
    Path config;
    Optional<String> baseline = Optional.empty();
    List<String> alsoAgainst = List.of();
    final Map<String, String> set = new LinkedHashMap<>();
    final Map<String, List<String>> sweeps = new LinkedHashMap<>();

    RowBuilder(String name) {
      this.name = name;
    }
  }

  private static List<String> list(Path file, String key, String value) {
    List<String> items = Arrays.stream(value.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    if (items.isEmpty()) {
      throw new ConfigException(file + ": " + key + " is empty");
    }
    return items;
  }

  private static long parseLong(Path file, String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(file + ": " + key + " = '" + value + "' is not an integer");
    }
  }

  private static double parseDouble(Path file, String key, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(file + ": " + key + " = '" + value + "' is not a number");
    }
  }

  private static String baseName(Path file) {
    String fileName = file.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
