package org.ddrm.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.train.EarlyStopping;
import org.ddrm.core.train.EpochReport;

/**
 * Where an unfinished run stands, kept as {@code model/resume.json} beside the whole-graph
 * checkpoint it names (variables, Adam's slots and powers): the stages already finished, and the
 * current stage's last epoch, early-stopping state, curve and what its batch source carries
 * across epochs (DiffRec's loss history). Java-side sampling needs no other state: each epoch's
 * generator is derived from the seed, stage and epoch ({@code SeedPolicy}).
 *
 * @param run the run's name
 * @param settings the resolved settings; a run resumes only under the same settings
 * @param finished outcomes of the stages before {@code stage}
 * @param stage index of the current stage
 * @param epoch the current stage's last finished epoch
 * @param stopping early stopping's state after that epoch
 * @param curve the current stage's epoch reports so far
 * @param checkpoint the checkpoint's name inside {@code model/}
 * @param batchState the current stage's {@code BatchSource.carriedState()} after that epoch
 * @param elapsedSeconds the run's wall time up to that epoch, over every invocation so far
 *     (0 in states written before the framework recorded it)
 */
public record ResumeState(String run, Map<String, String> settings, List<StageOutcome> finished,
    int stage, int epoch, EarlyStopping.State stopping, List<EpochReport> curve,
    String checkpoint, double[] batchState, double elapsedSeconds) {
  /** The file's name inside the run's {@code model/} directory. */
  public static final String FILE = "resume.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The state stored in {@code modelDirectory}, if there is one. */
  public static Optional<ResumeState> read(Path modelDirectory) {
    Path file = modelDirectory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromJson(JSON.readTree(file.toFile())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resume state " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the state atomically to {@code modelDirectory/resume.json}. */
  public void write(Path modelDirectory) {
    AtomicFiles.write(modelDirectory.resolve(FILE), RunDirectory.json(toJson()));
  }

  private Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run", run);
    out.put("settings", new TreeMap<>(settings));
    out.put("finished", finished.stream().map(OutcomeJson::toJson).toList());
    out.put("stage", stage);
    out.put("epoch", epoch);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("best", Double.isInfinite(stopping.best()) ? null : stopping.best());
    s.put("best_epoch", stopping.bestEpoch());
    s.put("best_metrics", stopping.bestMetrics());
    s.put("last_epoch", stopping.lastEpoch());
    s.put("misses", stopping.misses());
    s.put("stop", stopping.stop());
    out.put("stopping", s);
    out.put("curve", curve.stream().map(OutcomeJson::toJson).toList());
    out.put("checkpoint", checkpoint);
    out.put("batch_state", batchState);
    out.put("elapsed_seconds", elapsedSeconds);
    return out;
  }

  private static ResumeState fromJson(JsonNode n) {
    Map<String, String> settings = new TreeMap<>();
    n.get("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
    List<StageOutcome> finished = new ArrayList<>();
    n.get("finished").forEach(o -> finished.add(OutcomeJson.outcome(o)));
    JsonNode s = n.get("stopping");
    EarlyStopping.State stopping = new EarlyStopping.State(
        s.get("best").isNull() ? Double.NEGATIVE_INFINITY : s.get("best").asDouble(),
        s.get("best_epoch").asInt(), OutcomeJson.metrics(s.get("best_metrics")),
        s.get("last_epoch").asInt(), s.get("misses").asInt(), s.get("stop").asBoolean());
    JsonNode batch = n.path("batch_state");
    double[] batchState = new double[batch.size()];
    for (int k = 0; k < batchState.length; k++) {
      batchState[k] = batch.get(k).asDouble();
    }
    return new ResumeState(n.get("run").asText(), settings, finished, n.get("stage").asInt(),
        n.get("epoch").asInt(), stopping, OutcomeJson.reports(n.get("curve")),
        n.get("checkpoint").asText(), batchState, n.path("elapsed_seconds").asDouble(0));
  }
}
