package org.ddrm.eval.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ddrm.api.Dataset;
import org.ddrm.api.Settings;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.data.RandomNoiseInjector;
import org.ddrm.core.data.SplitDirectory;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.ddrm.core.data.SyntheticDataSpec;

/** Loads the data set a run's {@code data.*} settings name. */
public final class DatasetLoader {
  private DatasetLoader() {}

  /**
   * The embedded synthetic data set ({@code data.path=synthetic}) or a split directory (relative
   * paths are resolved against the working directory), with random noise planted into train and
   * valid when {@code data.inject_noise_ratio} is above 0.
   */
  public static Dataset load(Settings settings) {
    return RandomNoiseInjector.inject(loadClean(settings),
        FrameworkSettings.INJECT_NOISE_RATIO.read("", settings),
        FrameworkSettings.INJECT_NOISE_SEED.read("", settings));
  }

  private static Dataset loadClean(Settings settings) {
    String path = FrameworkSettings.DATA_PATH.read("", settings);
    if (path.equals(SyntheticDataGenerator.NAME)) {
      SyntheticDataSpec spec = SyntheticDataSpec.defaults()
          .withSize(FrameworkSettings.SYNTHETIC_USERS.read("", settings),
              FrameworkSettings.SYNTHETIC_ITEMS.read("", settings))
          .withNoiseRatio(FrameworkSettings.SYNTHETIC_NOISE_RATIO.read("", settings))
          .withSeed(FrameworkSettings.SYNTHETIC_SEED.read("", settings));
      return new SyntheticDataGenerator(spec).generate();
    }
    Path directory = Path.of(path);
    if (Files.isRegularFile(directory)) {
      throw new ConfigException("data.path = '" + path + "' is a file; give the split directory"
          + " holding train, valid and test files (a raw ratings file is split first with"
          + " 'ddrm data prepare')");
    }
    if (!Files.isDirectory(directory)) {
      throw new ConfigException("data.path = '" + path + "': no such directory (resolved to "
          + directory.toAbsolutePath().normalize() + "); give a split directory with train, valid"
          + " and test files ('ddrm data prepare' makes one from a raw dump: see the README's Data"
          + " sets section), or 'synthetic'");
    }
    return SplitDirectory.load(directory);
  }

  /** The synthetic data set with default sizes and the given generator seed. */
  public static Dataset synthetic(long seed) {
    return new SyntheticDataGenerator(SyntheticDataSpec.defaults().withSeed(seed)).generate();
  }
}
