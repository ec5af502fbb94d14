package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ddrm.core.config.ConfigException;

/**
 * One row's hyper-parameter search as the suite's directory holds it: the trials proposed so far
 * (each a cell with the search seed), how they stand and, once every trial of the budget has
 * settled, the selected one: the finished trial with the highest validation metric (the earliest
 * on a tie). A later trial of a {@code tpe} search is proposed only when every earlier one has
 * settled; {@code grid} and {@code random} trials are all known from the start.
 */
public final class SearchPlan {
  private final SuiteFile suite;
  private final SuiteFile.Row row;
  private final List<Trial> trials;
  private final boolean complete;

  /**
   * One trial.
   *
   * @param index the trial's place in the search (0-based)
   * @param cell the trial's cell: its variant with the search seed
   * @param outcome how it stands
   */
  public record Trial(int index, SuiteCell cell, CellOutcome outcome) {
    /** Whether the trial has ended, finished or failed. */
    boolean settled() {
      return outcome.status() == CellOutcome.Status.FINISHED
          || outcome.status() == CellOutcome.Status.FAILED
          || outcome.status() == CellOutcome.Status.MISSING;
    }
  }

  private SearchPlan(SuiteFile suite, SuiteFile.Row row, List<Trial> trials, boolean complete) {
    this.suite = suite;
    this.row = row;
    this.trials = trials;
    this.complete = complete;
  }

  /** Reads the row's search from the suite's directory {@code out}. */
  public static SearchPlan read(SuiteFile suite, SuiteFile.Row row, Path out) {
    SearchSettings search = suite.search().orElseThrow();
    Optional<Long> seed = suite.seeds().stream().findFirst();
    List<Trial> trials = new ArrayList<>();
    if (search.method() == SearchSettings.Method.GRID) {
      List<Map<String, String>> points = SuiteGrid.points(suite, row);
      for (int k = 0; k < points.size(); k++) {
        trials.add(trial(suite, row, k, points.get(k), seed, out));
      }
    } else {
      SearchProposer proposer = SearchProposer.of(search);
      for (int k = 0; k < search.budget(); k++) {
        if (!proposer.independent(k) && !trials.stream().allMatch(Trial::settled)) {
          break;
        }
        List<SearchProposer.Observation> finished = trials.stream()
            .filter(t -> t.outcome().status() == CellOutcome.Status.FINISHED)
            .map(t -> new SearchProposer.Observation(t.cell().variant().point(),
                score(suite, t)))
            .toList();
        trials.add(trial(suite, row, k, proposer.propose(k, finished), seed, out));
      }
    }
    int planned = search.method() == SearchSettings.Method.GRID ? trials.size() : search.budget();
    boolean complete = trials.size() == planned && trials.stream().allMatch(Trial::settled);
    return new SearchPlan(suite, row, List.copyOf(trials), complete);
  }

  private static Trial trial(SuiteFile suite, SuiteFile.Row row, int index,
      Map<String, String> point, Optional<Long> seed, Path out) {
    SuiteCell cell = new SuiteCell(SuiteGrid.variant(suite, row, point, Optional.of(index)), seed);
    return new Trial(index, cell, CellOutcome.read(cell, out));
  }

  /** The row searched. */
  public SuiteFile.Row row() {
    return row;
  }

  /** The trials proposed so far, in order. */
  public List<Trial> trials() {
    return trials;
  }

  /** How many trials the search runs in all. */
  public int planned() {
    SearchSettings search = suite.search().orElseThrow();
    return search.method() == SearchSettings.Method.GRID ? trials.size() : search.budget();
  }

  /** Whether every trial of the budget has been proposed and has ended. */
  public boolean complete() {
    return complete;
  }

  /** The selected trial: present once the search is complete and a trial finished. */
  public Optional<Trial> selected() {
    if (!complete) {
      return Optional.empty();
    }
    Trial best = null;
    for (Trial t : trials) {
      if (t.outcome().status() == CellOutcome.Status.FINISHED
          && (best == null || score(suite, t) > score(suite, best))) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A finished trial's validation score on the search metric. */
  public static double score(SuiteFile suite, Trial trial) {
    String metric = suite.search().orElseThrow().metric();
    Double value = trial.outcome().valid().get(metric);
    if (value == null) {
      throw new ConfigException(suite.source() + ": search.metric = '" + metric + "' is not among"
          + " the validation metrics of " + trial.outcome().directory() + " ("
          + String.join(", ", new TreeSet<>(trial.outcome().valid().keySet())) + ")");
    }
    return value;
  }
}
