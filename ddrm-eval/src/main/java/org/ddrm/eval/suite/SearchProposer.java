package org.ddrm.eval.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proposes a search's trials. A proposal is a function of the search's seed, the trial's index
 * and the finished trials alone, so every runner sharing a suite's directory proposes the same
 * trials, and a suite read again finds the trials it ran.
 */
interface SearchProposer {

  /**
   * A finished trial: its settings and validation score.
   *
   * @param point each searched key's value
   * @param score the validation metric (higher is better)
   */
  record Observation(Map<String, String> point, double score) {}

  /** The settings of trial {@code index} given the trials finished before it. */
  Map<String, String> propose(int index, List<Observation> finished);

  /** Whether trial {@code index} can be proposed before the earlier trials finish. */
  boolean independent(int index);

  /** The proposer of a search. */
  static SearchProposer of(SearchSettings search) {
    return switch (search.method()) {
      case RANDOM -> new RandomSearch(search.ranges(), search.seed());
      case TPE -> new TreeParzenSearch(search.ranges(), search.seed(), search.startup());
      case GRID -> throw new IllegalArgumentException("a grid search proposes no trials");
    };
  }

  /** The random numbers of one trial: a stream of its own, fixed by the seed and the index. */
  static SplittableRandom random(long seed, int index) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
  }

  /** Independent uniform draws from every range. */
  final class RandomSearch implements SearchProposer {
    private final Map<String, SearchRange> ranges;
    private final long seed;

    RandomSearch(Map<String, SearchRange> ranges, long seed) {
      this.ranges = ranges;
      this.seed = seed;
    }

    @Override
    public Map<String, String> propose(int index, List<Observation> finished) {
      SplittableRandom random = random(seed, index);
      Map<String, String> point = new LinkedHashMap<>();
      ranges.forEach((key, range) -> point.put(key, range.value(random.nextDouble())));
      return point;
    }

    @Override
    public boolean independent(int index) {
      return true;
    }
  }
}
