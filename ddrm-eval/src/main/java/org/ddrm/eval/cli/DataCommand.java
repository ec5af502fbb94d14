package org.ddrm.eval.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ddrm.api.Dataset;
import org.ddrm.core.data.MovieLensRatingsReader;
import org.ddrm.core.data.NaturalNoiseSplit;
import org.ddrm.core.data.SplitDirectory;
import org.ddrm.eval.run.DatasetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ddrm data prepare|generate}: make split directories. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Prepare or generate data sets as split directories.",
    subcommands = {DataCommand.Prepare.class, DataCommand.Generate.class})
final class DataCommand {

  /** MovieLens ratings.dat to the paper's natural-noise split. */
  @Command(name = "prepare", mixinStandardHelpOptions = true,
      description = "Turn a MovieLens ratings file (user::item::rating::time) into the paper's"
          + " natural-noise split: chronological 7:1:2, ratings below the threshold kept in"
          + " train and valid as false positives, test true positives only, ids remapped.")
  static final class Prepare implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RATINGS", description = "ratings.dat")
    Path ratings;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--threshold", defaultValue = "4",
        description = "ratings at or above this are true positives (default 4)")
    double threshold;

    @Option(names = "--train-share", defaultValue = "0.7", description = "default 0.7")
    double trainShare;

    @Option(names = "--valid-share", defaultValue = "0.1", description = "default 0.1")
    double validShare;

    @Override
    public Integer call() {
      String name = out.getFileName().toString();
      Dataset dataset = new NaturalNoiseSplit(trainShare, validShare, threshold)
          .split(name, MovieLensRatingsReader.read(ratings));
      SplitDirectory.write(dataset, out);
      System.out.println(dataset + " written to " + out);
      return 0;
    }
  }

  /** The embedded synthetic data set, written to files. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write the embedded synthetic data set (with planted false positives).")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--seed", defaultValue = "2024", description = "generator seed (default 2024)")
    long seed;

    @Override
    public Integer call() {
      Dataset dataset = DatasetLoader.synthetic(seed);
      SplitDirectory.write(dataset, out);
      System.out.println(dataset + " written to " + out);
      return 0;
    }
  }
}
