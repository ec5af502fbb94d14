package org.ddrm.core.train;

import java.util.ArrayList;
import java.util.List;

/** Keeps every epoch's report (loss, time, validation metrics): the run's training curve. */
public final class CurveRecorder implements TrainingListener {
  private final List<EpochReport> reports = new ArrayList<>();

  @Override
  public EpochReport onEpochEnd(EpochReport report) {
    reports.add(report);
    return report;
  }

  public List<EpochReport> reports() {
    return List.copyOf(reports);
  }
}
