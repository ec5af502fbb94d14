package org.ddrm.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ddrm.core.train.EpochReport;

/**
 * JSON form of {@link StageOutcome} and {@link EpochReport}, shared by the resume state and the
 * backend cache's training record.
 */
final class OutcomeJson {
  private OutcomeJson() {}

  static Map<String, Object> toJson(StageOutcome o) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", o.name());
    out.put("best_epoch", o.bestEpoch());
    out.put("epochs_run", o.epochsRun());
    out.put("best_validation", o.bestValidation());
    out.put("curve", o.curve().stream().map(OutcomeJson::toJson).toList());
    out.put("test", o.test());
    out.put("cached_from", o.cachedFrom());
    return out;
  }

  static StageOutcome outcome(JsonNode o) {
    return new StageOutcome(o.get("name").asText(), o.get("best_epoch").asInt(),
        o.get("epochs_run").asInt(), metrics(o.get("best_validation")), reports(o.get("curve")),
        metrics(o.get("test")), o.get("cached_from").asText());
  }

  static Map<String, Object> toJson(EpochReport r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stage", r.stage());
    out.put("epoch", r.epoch());
    out.put("loss", r.meanLoss());
    out.put("seconds", r.seconds());
    out.put("examples", r.examples());
    out.put("validation", r.validation());
    return out;
  }

  static List<EpochReport> reports(JsonNode node) {
    List<EpochReport> out = new ArrayList<>();
    node.forEach(r -> out.add(new EpochReport(r.get("stage").asText(), r.get("epoch").asInt(),
        r.get("loss").asDouble(), r.get("seconds").asDouble(), r.get("examples").asLong(),
        metrics(r.get("validation")))));
    return out;
  }

  static Map<String, Double> metrics(JsonNode node) {
    Map<String, Double> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
    return out;
  }
}
