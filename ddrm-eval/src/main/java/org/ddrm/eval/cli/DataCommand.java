package org.ddrm.eval.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ddrm.api.Dataset;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.data.ColumnRef;
import org.ddrm.core.data.CsvLayout;
import org.ddrm.core.data.DatasetSummary;
import org.ddrm.core.data.KCoreFilter;
import org.ddrm.core.data.NaturalNoiseSplit;
import org.ddrm.core.data.NoiseLabelFile;
import org.ddrm.core.data.PreparedDirectory;
import org.ddrm.core.data.PreparedSplit;
import org.ddrm.core.data.RatingFormat;
import org.ddrm.core.data.RatingTable;
import org.ddrm.core.data.RepeatedPairs;
import org.ddrm.core.data.ShapedDataGenerator;
import org.ddrm.core.data.SplitDirectory;
import org.ddrm.core.data.SyntheticShape;
import org.ddrm.eval.run.DatasetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ddrm data prepare|generate}: make split directories. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Prepare or generate data sets as split directories.",
    subcommands = {DataCommand.Prepare.class, DataCommand.Generate.class})
final class DataCommand {

  /** A raw rating dump to the paper's natural-noise split (or the clean split). */
  @Command(name = "prepare", mixinStandardHelpOptions = true,
      description = "Turn a raw ratings file into the paper's natural-noise split (the earliest"
          + " rating of each user-item pair kept, then k-core filtered): chronological 7:1:2, ratings below the threshold kept in train and valid as labelled false"
          + " positives, test true positives only, ids remapped (user_ids.tsv, item_ids.tsv),"
          + " counts in dataset.json. --split clean drops the false positives everywhere.")
  static final class Prepare implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT",
        description = "the raw ratings file (plain or .gz)")
    Path input;

    @Option(names = "--format", defaultValue = "movielens", paramLabel = "FORMAT",
        description = "movielens (ratings.dat, ratings.csv, u.data), yelp (review JSON lines),"
            + " amazon (ratings CSV or review JSON lines), recbole (.inter), csv; default"
            + " movielens")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--threshold", defaultValue = "4",
        description = "ratings at or above this are true positives (default 4)")
    double threshold;

    @Option(names = "--split", defaultValue = "natural", paramLabel = "natural|clean",
        description = "natural (false positives kept in train and valid, labelled) or clean"
            + " (dropped: the random-noise setting's base); default natural")
    String split;

    @Option(names = "--user-core", defaultValue = "0", paramLabel = "N",
        description = "k-core: drop users with fewer ratings, iterated with --item-core to a"
            + " fixed point (default 0: none)")
    int userCore;

    @Option(names = "--item-core", defaultValue = "0", paramLabel = "N",
        description = "k-core: drop items with fewer ratings (default 0: none)")
    int itemCore;

    @Option(names = "--train-share", defaultValue = "0.7", description = "default 0.7")
    double trainShare;

    @Option(names = "--valid-share", defaultValue = "0.1", description = "default 0.1")
    double validShare;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "SEP",
        description = "csv: field separator ('tab' for a tab; default ',')")
    String delimiter;

    @Option(names = "--header", description = "csv: the first line names the columns")
    boolean header;

    @Option(names = "--user-col", defaultValue = "0", paramLabel = "COL",
        description = "csv: user column, 0-based index or header name (default 0)")
    String userCol;

    @Option(names = "--item-col", defaultValue = "1", paramLabel = "COL",
        description = "csv: item column (default 1)")
    String itemCol;

    @Option(names = "--rating-col", defaultValue = "2", paramLabel = "COL",
        description = "csv: rating column (default 2)")
    String ratingCol;

    @Option(names = "--time-col", defaultValue = "3", paramLabel = "COL",
        description = "csv: time column in seconds, or 'none' for the file's order (default 3)")
    String timeCol;

    @Override
    public Integer call() {
      RatingFormat ratingFormat = RatingFormat.named(format);
      boolean clean = switch (split.toLowerCase(Locale.ROOT)) {
        case "natural" -> false;
        case "clean" -> true;
        default -> throw new ConfigException(
            "--split " + split + ": use natural or clean");
      };
      long start = System.nanoTime();
      RatingTable ratings = ratingFormat.read(input, csvLayout());
      int read = ratings.size();
      ratings = RepeatedPairs.keepFirst(ratings);
      int distinct = ratings.size();
      ratings = new KCoreFilter(userCore, itemCore).apply(ratings);
      if (ratings.size() == 0) {
        throw new ConfigException("--user-core " + userCore + " --item-core " + itemCore
            + " leaves none of the " + read + " ratings of " + input);
      }
      NaturalNoiseSplit splitter = new NaturalNoiseSplit(trainShare, validShare, threshold);
      String name = out.toAbsolutePath().normalize().getFileName().toString();
      PreparedSplit prepared = clean
          ? splitter.splitClean(name, ratings) : splitter.split(name, ratings);
      Map<String, Object> made = new LinkedHashMap<>();
      made.put("source", input.toAbsolutePath().normalize().toString());
      made.put("format", ratingFormat.name().toLowerCase(Locale.ROOT));
      made.put("split", clean ? "clean" : "natural");
      made.put("ratings_read", read);
      made.put("repeated_pairs_dropped", read - distinct);
      made.put("user_core", userCore);
      made.put("item_core", itemCore);
      made.put("ratings_after_k_core", ratings.size());
      made.put("threshold", threshold);
      made.put("train_share", trainShare);
      made.put("valid_share", validShare);
      PreparedDirectory.write(prepared, out, made);
      System.out.printf(Locale.ROOT,
          "%s written to %s (%d ratings read, %d repeated pairs dropped, %d left after k-core,"
              + " %.1f s)%n",
          prepared.dataset(), out, read, read - distinct, ratings.size(),
          (System.nanoTime() - start) / 1e9);
      return 0;
    }

    private CsvLayout csvLayout() {
      String sep = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
      if (sep.isEmpty()) {
        throw new ConfigException("--delimiter is empty");
      }
      Optional<ColumnRef> time = timeCol.equalsIgnoreCase("none")
          ? Optional.empty() : Optional.of(ColumnRef.parse(timeCol));
      List<ColumnRef> columns = new ArrayList<>(List.of(ColumnRef.parse(userCol),
          ColumnRef.parse(itemCol), ColumnRef.parse(ratingCol)));
      time.ifPresent(columns::add);
      for (ColumnRef c : columns) {
        if (c.name() != null && !header) {
          throw new ConfigException("column " + c + " is given by name: add --header (the file's"
              + " first line must name the columns) or give a 0-based index");
        }
      }
      return new CsvLayout(sep, header, columns.get(0), columns.get(1), columns.get(2), time);
    }
  }

  /** Synthetic data: the embedded data set, or any shape (presets at Table 1's sizes). */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write a synthetic data set with planted, labelled false positives: the"
          + " embedded one, or one of any shape (--preset yelp|amazon-book gives Table 1's"
          + " sizes; --users, --items, --interactions, skews and noise ratio override).")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--seed", paramLabel = "SEED",
        description = "generator seed (default 2024)")
    Long seed;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "yelp (54,574 users, 77,405 items, 1,471,675 interactions) or amazon-book"
            + " (108,822 / 178,181 / 3,145,223)")
    String preset;

    @Option(names = "--users", paramLabel = "N", description = "number of users")
    Integer users;

    @Option(names = "--items", paramLabel = "N", description = "number of items")
    Integer items;

    @Option(names = "--interactions", paramLabel = "N",
        description = "train + valid + test pairs, planted ones included")
    Long interactions;

    @Option(names = "--popularity-skew", paramLabel = "S",
        description = "item popularity ~ rank^-S (preset 0.75; 0 = uniform)")
    Double popularitySkew;

    @Option(names = "--activity-skew", paramLabel = "S",
        description = "user activity ~ rank^-S (preset 0.5; 0 = equal)")
    Double activitySkew;

    @Option(names = "--noise-ratio", paramLabel = "R",
        description = "share of planted false positives in train and valid (preset 0.2)")
    Double noiseRatio;

    @Override
    public Integer call() {
      long start = System.nanoTime();
      boolean shaped = preset != null || users != null || items != null || interactions != null
          || popularitySkew != null || activitySkew != null || noiseRatio != null;
      Map<String, Object> made = new LinkedHashMap<>();
      Dataset dataset;
      Optional<boolean[]> validLabels = Optional.empty();
      if (!shaped) {
        long s = seed == null ? 2024L : seed;
        dataset = DatasetLoader.synthetic(s);
        made.put("generator", "embedded");
        made.put("seed", s);
      } else {
        SyntheticShape shape = shape();
        ShapedDataGenerator.Generated generated = new ShapedDataGenerator(shape).generate();
        dataset = generated.dataset();
        validLabels = Optional.of(generated.validNoiseLabels());
        made.put("generator", "shaped");
        made.put("preset", preset == null ? "none" : preset);
        made.put("target_interactions", shape.interactions());
        made.put("popularity_skew", shape.popularitySkew());
        made.put("activity_skew", shape.activitySkew());
        made.put("noise_ratio", shape.noiseRatio());
        made.put("min_per_user", shape.minPerUser());
        made.put("clusters", shape.clusters());
        made.put("affinity", shape.affinity());
        made.put("seed", shape.seed());
      }
      SplitDirectory.write(dataset, out);
      validLabels.ifPresent(
          labels -> NoiseLabelFile.write(out.resolve(PreparedDirectory.VALID_LABELS), labels));
      DatasetSummary.write(out, dataset, validLabels, made);
      System.out.printf(Locale.ROOT, "%s written to %s (%.1f s)%n", dataset, out,
          (System.nanoTime() - start) / 1e9);
      return 0;
    }

    private SyntheticShape shape() {
      SyntheticShape shape;
      if (preset != null) {
        shape = SyntheticShape.preset(preset);
      } else if (users == null || items == null || interactions == null) {
        throw new ConfigException("without --preset, give --users, --items and --interactions");
      } else {
        shape = SyntheticShape.yelp();
      }
      String name = out.toAbsolutePath().normalize().getFileName().toString();
      shape = new SyntheticShape(name, shape.users(), shape.items(), shape.interactions(),
          shape.popularitySkew(), shape.activitySkew(), shape.noiseRatio(), shape.minPerUser(),
          shape.clusters(), shape.affinity(), shape.seed());
      shape = shape.withSize(users == null ? shape.users() : users,
          items == null ? shape.items() : items,
          interactions == null ? shape.interactions() : interactions);
      shape = shape.withSkews(popularitySkew == null ? shape.popularitySkew() : popularitySkew,
          activitySkew == null ? shape.activitySkew() : activitySkew);
      if (noiseRatio != null) {
        shape = shape.withNoiseRatio(noiseRatio);
      }
      return seed == null ? shape : shape.withSeed(seed);
    }
  }
}
