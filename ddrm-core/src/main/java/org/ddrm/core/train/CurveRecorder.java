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

  /** Takes up the curve of an interrupted run, before training goes on. */
  public void restore(List<EpochReport> earlier) {
    reports.clear();
    reports.addAll(earlier);
  }

  public List<EpochReport> reports() {
    return List.copyOf(reports);
  }
}
