package org.ddrm.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ddrm.eval.run.RunDirectory;

/**
 * What a suite cell's directory says about it: finished (with its test metrics), failed or
 * missing its config (with the reason), or not run yet.
 *
 * @param cell the cell
 * @param directory its run directory
 * @param status how it stands
 * @param reason why it failed ("" unless failed or missing)
 * @param test the final model's mean test metrics (empty unless finished)
 */
public record CellOutcome(SuiteCell cell, Path directory, Status status, String reason,
    Map<String, Double> test) {

  /** How a cell stands. */
  public enum Status { FINISHED, FAILED, MISSING, NOT_RUN }

  /** Reads the cell's state from its directory. */
  public static CellOutcome read(SuiteCell cell, Path suiteOut) {
    Path directory = cell.directory(suiteOut);
    Path metrics = directory.resolve(RunDirectory.METRICS);
    try {
      if (Files.exists(metrics)) {
        JsonNode test = new ObjectMapper().readTree(metrics.toFile()).get("test");
        Map<String, Double> values = new LinkedHashMap<>();
        test.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
        return new CellOutcome(cell, directory, Status.FINISHED, "", values);
      }
      Path failed = directory.resolve(SuiteRunner.FAILED);
      if (Files.exists(failed)) {
        String reason = Files.readString(failed).trim();
        return new CellOutcome(cell, directory,
            reason.startsWith(SuiteRunner.MISSING_PREFIX) ? Status.MISSING : Status.FAILED,
            reason, Map.of());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the results in " + directory + ": " + e, e);
    }
    return new CellOutcome(cell, directory, Status.NOT_RUN, "", Map.of());
  }
}
