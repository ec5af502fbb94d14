package org.ddrm.eval.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ddrm.eval.claim.Claim;
import org.ddrm.eval.claim.LeaseRecord;
import org.ddrm.eval.run.RunDirectory;

/**
 * What a suite cell's directory says about it: finished (with its test metrics), running (a
 * live claim; the reason names its holder), failed or missing its config (with the reason), or
 * not run yet.
 *
 * @param cell the cell
 * @param directory its run directory
 * @param status how it stands
 * @param reason why it failed, or who runs it ("" unless failed, missing or running)
 * @param valid the final model's mean validation metrics (empty unless finished)
 * @param test the final model's mean test metrics (empty unless finished)
 * @param wallSeconds the run's wall time over all its invocations (NaN unless finished, or when
 *     its {@code provenance.json} does not say)
 */
public record CellOutcome(SuiteCell cell, Path directory, Status status, String reason,
    Map<String, Double> valid, Map<String, Double> test, double wallSeconds) {

  /** How a cell stands. */
  public enum Status { FINISHED, RUNNING, FAILED, MISSING, NOT_RUN }

  /** Reads the cell's state from its directory. */
  public static CellOutcome read(SuiteCell cell, Path suiteOut) {
    Path directory = cell.directory(suiteOut);
    Path metrics = directory.resolve(RunDirectory.METRICS);
    try {
      if (Files.exists(metrics)) {
        ObjectMapper json = new ObjectMapper();
        JsonNode recorded = json.readTree(metrics.toFile());
        Path provenance = directory.resolve(RunDirectory.PROVENANCE);
        double wall = Files.exists(provenance)
            ? json.readTree(provenance.toFile()).path("wall_seconds").asDouble(Double.NaN)
            : Double.NaN;
        return new CellOutcome(cell, directory, Status.FINISHED, "",
            means(recorded.path("valid")), means(recorded.get("test")), wall);
      }
      Optional<LeaseRecord> holder = Claim.holder(directory.resolve(SuiteRunner.CLAIM));
      if (holder.isPresent()) {
        return new CellOutcome(cell, directory, Status.RUNNING,
            "pid " + holder.get().pid() + " on " + holder.get().host(), Map.of(), Map.of(),
            Double.NaN);
      }
      Path failed = directory.resolve(SuiteRunner.FAILED);
      if (Files.exists(failed)) {
        String reason = Files.readString(failed).trim();
        return new CellOutcome(cell, directory,
            reason.startsWith(SuiteRunner.MISSING_PREFIX) ? Status.MISSING : Status.FAILED,
            reason, Map.of(), Map.of(), Double.NaN);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the results in " + directory + ": " + e, e);
    }
    return new CellOutcome(cell, directory, Status.NOT_RUN, "", Map.of(), Map.of(), Double.NaN);
  }

  private static Map<String, Double> means(JsonNode split) {
    Map<String, Double> values = new LinkedHashMap<>();
    split.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
    return values;
  }
}
