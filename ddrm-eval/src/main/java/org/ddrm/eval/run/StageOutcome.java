package org.ddrm.eval.run;

import java.util.List;
import java.util.Map;
import org.ddrm.core.train.EpochReport;

/**
 * How one training stage went.
 *
 * @param name the stage's name
 * @param bestEpoch the selected epoch
 * @param epochsRun epochs actually run
 * @param bestValidation validation metrics of the selected epoch (empty if never validated)
 * @param curve every epoch's report
 * @param test test metrics of this stage's model (only for stages before the last; empty else)
 * @param cachedFrom the backend cache entry the stage was loaded from instead of trained, or "";
 *     a loaded stage's epochs and curve are those of the run that trained it, when recorded
 */
public record StageOutcome(
    String name, int bestEpoch, int epochsRun, Map<String, Double> bestValidation,
    List<EpochReport> curve, Map<String, Double> test, String cachedFrom) {

  public StageOutcome withTest(Map<String, Double> metrics) {
    return new StageOutcome(name, bestEpoch, epochsRun, bestValidation, curve, metrics, cachedFrom);
  }

  public StageOutcome loadedFrom(String cacheEntry) {
    return new StageOutcome(name, bestEpoch, epochsRun, bestValidation, curve, test, cacheEntry);
  }

  /** Mean seconds per training epoch, leaving out the first (warm-up) epoch when there are more. */
  public double secondsPerEpoch() {
    List<EpochReport> timed = curve.size() > 1 ? curve.subList(1, curve.size()) : curve;
    return timed.stream().mapToDouble(EpochReport::seconds).average().orElse(Double.NaN);
  }
}
