package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proposers: random search is a fixed function of seed and index; TPE, fed the scores of a known
 * objective, proposes near its optimum more often than random search does.
 */
class SearchProposerTest {
  private static final Map<String, SearchRange> SPACE = new LinkedHashMap<>(Map.of(
      "x", new SearchRange.Uniform(0, 1)));

  /** A smooth objective with its maximum at x = 0.8. */
  private static double objective(Map<String, String> point) {
    double x = Double.parseDouble(point.get("x"));
    return -(x - 0.8) * (x - 0.8);
  }

  private static List<Map<String, String>> run(SearchProposer proposer, int trials) {
    List<SearchProposer.Observation> seen = new ArrayList<>();
    List<Map<String, String>> proposed = new ArrayList<>();
    for (int k = 0; k < trials; k++) {
      Map<String, String> point = proposer.propose(k, List.copyOf(seen));
      proposed.add(point);
      seen.add(new SearchProposer.Observation(point, objective(point)));
    }
    return proposed;
  }

  @Test
  void randomSearchProposesTheSameTrialsForTheSameSeedAndOthersForAnother() {
    var a = new SearchProposer.RandomSearch(SPACE, 7);
    var b = new SearchProposer.RandomSearch(SPACE, 7);
    var c = new SearchProposer.RandomSearch(SPACE, 8);
    assertThat(run(a, 5)).isEqualTo(run(b, 5)).isNotEqualTo(run(c, 5));
    assertThat(a.propose(3, List.of())).isEqualTo(a.propose(3, List.of()))
        .isNotEqualTo(a.propose(4, List.of()));
  }

  @Test
  void tpeIsDeterministicAndConcentratesNearTheOptimumMoreThanRandomSearch() {
    int trials = 40;
    double tpeClose = 0;
    double randomClose = 0;
    for (long seed = 1; seed <= 5; seed++) {
      List<Map<String, String>> tpe = run(new TreeParzenSearch(SPACE, seed, 5), trials);
      assertThat(tpe).isEqualTo(run(new TreeParzenSearch(SPACE, seed, 5), trials));
      tpeClose += closeShare(tpe.subList(10, trials));
      randomClose += closeShare(run(new SearchProposer.RandomSearch(SPACE, seed), trials)
          .subList(10, trials));
    }
    // random search puts about 20 % of its trials within 0.1 of the optimum
    assertThat(tpeClose / 5).isGreaterThan(0.4);
    assertThat(tpeClose).isGreaterThan(1.5 * randomClose);
  }

  @Test
  void tpeLearnsWhichChoiceIsBest() {
    Map<String, SearchRange> space = Map.of("opt", new SearchRange.Choice(List.of("a", "b", "c")));
    var tpe = new TreeParzenSearch(space, 3, 3);
    List<SearchProposer.Observation> seen = new ArrayList<>();
    int bestLater = 0;
    for (int k = 0; k < 30; k++) {
      Map<String, String> point = tpe.propose(k, List.copyOf(seen));
      seen.add(new SearchProposer.Observation(point, point.get("opt").equals("b") ? 1 : 0));
      if (k >= 10 && point.get("opt").equals("b")) {
        bestLater++;
      }
    }
    assertThat(bestLater).isGreaterThan(12);
  }

  private static double closeShare(List<Map<String, String>> points) {
    return points.stream().filter(p -> Math.abs(Double.parseDouble(p.get("x")) - 0.8) < 0.1)
        .count() / (double) points.size();
  }
}
