package org.ddrm.eval.cli;

import com.google.inject.Guice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.ddrm.api.Dataset;
import org.ddrm.core.data.DataFormatException;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.run.Experiment;
import org.ddrm.eval.run.ExperimentModule;
import org.ddrm.eval.run.OriginalIds;
import org.ddrm.eval.run.RunConfig;
import org.ddrm.eval.run.RunDirectory;
import org.ddrm.eval.run.TopKFile;
import com.google.inject.Injector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ddrm recommend RUN_DIR --k K [--users FILE] [--out FILE]}. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Write the top-K items of a finished run's final model for every user (or the"
        + " users of a file) to topk.tsv.gz: user, rank, item, score; train items masked.")
final class RecommendCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a finished run's directory")
  Path run;

  @Option(names = "--k", required = true, paramLabel = "K", description = "items per user")
  int k;

  @Option(names = "--users", paramLabel = "FILE", description = "one user id a line (the data"
      + " set's original ids when it has id maps); '#' lines and blank lines are skipped")
  Path users;

  @Option(names = "--out", paramLabel = "FILE",
      description = "where to write (default: RUN_DIR/" + TopKFile.FILE_NAME + ")")
  Path out;

  @Override
  public Integer call() {
    if (k < 1) {
      throw new IllegalArgumentException("--k " + k + ": give at least 1 item per user");
    }
    ProviderRegistry registry = ProviderRegistry.discover();
    RunConfig recorded = RunDirectory.recordedConfig(run, registry);
    Injector injector = Guice.createInjector(new ExperimentModule(recorded, registry));
    Dataset dataset = injector.getInstance(Dataset.class);
    int[] chosen = users == null
        ? IntStream.range(0, dataset.numUsers()).toArray()
        : readUsers(users, OriginalIds.users(recorded.settings(), dataset.numUsers()));
    Path file = out != null ? out : run.resolve(TopKFile.FILE_NAME);
    injector.getInstance(Experiment.class).recommend(run, chosen, k, file);
    System.out.println("top-" + k + " lists of " + chosen.length + " users written to " + file);
    return 0;
  }

  private static int[] readUsers(Path file, OriginalIds ids) {
    IntStream.Builder chosen = IntStream.builder();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        String id = line.strip();
        if (id.isEmpty() || id.startsWith("#")) {
          continue;
        }
        long at = lineNumber;
        chosen.add(ids.indexOf(id).orElseThrow(() -> new DataFormatException(file + ":" + at
            + ": unknown user '" + id + "'" + (ids.mapped() ? " (not in the data set's user_ids.tsv)"
                : " (the data set has no id map: give user indices)"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
    return chosen.build().toArray();
  }
}
