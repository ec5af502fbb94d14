package org.ddrm.eval.suite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * The tree-structured Parzen estimator of Bergstra et al. (NeurIPS 2011), as hyperopt and Optuna
 * run it with independent dimensions: after {@code startup} random trials, the finished trials
 * are split into the best {@value #GAMMA} share ("good") and the rest; each searched key gets a
 * density over the good values, l(x), and one over the rest, g(x) (Gaussian kernels on the unit
 * interval, truncated to it, each kernel as wide as the larger gap to its neighbours, plus a wide
 * prior kernel; counts plus one for {@code choice} ranges); {@value #CANDIDATES} candidates are
 * drawn from l and the one with the largest l(x) / g(x) is the next trial.
 */
final class TreeParzenSearch implements SearchProposer {
  /** The share of finished trials counted as good. */
  static final double GAMMA = 0.25;
  /** Candidates drawn from the good density per proposal. */
  static final int CANDIDATES = 24;

  private final Map<String, SearchRange> ranges;
  private final long seed;
  private final int startup;
  private final RandomSearch random;

  TreeParzenSearch(Map<String, SearchRange> ranges, long seed, int startup) {
    this.ranges = ranges;
    this.seed = seed;
    this.startup = startup;
    this.random = new RandomSearch(ranges, seed);
  }

  @Override
  public boolean independent(int index) {
    return index < startup;
  }

  @Override
  public Map<String, String> propose(int index, List<Observation> finished) {
    if (index < startup || finished.size() < 2) {
      return random.propose(index, finished);
    }
    List<Observation> sorted = new ArrayList<>(finished);
    sorted.sort(Comparator.comparingDouble(Observation::score).reversed());
    int good = Math.max(1, (int) Math.ceil(GAMMA * sorted.size()));
    List<Observation> best = sorted.subList(0, good);
    List<Observation> rest = sorted.subList(good, sorted.size());
    SplittableRandom rng = SearchProposer.random(seed, index);
    Map<String, Density[]> densities = new LinkedHashMap<>();
    ranges.forEach((key, range) -> densities.put(key, new Density[] {
        density(range, key, best), density(range, key, rest)}));
    Map<String, String> chosen = null;
    double chosenScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < CANDIDATES; c++) {
      Map<String, String> candidate = new LinkedHashMap<>();
      double score = 0;
      for (Map.Entry<String, SearchRange> e : ranges.entrySet()) {
        Density[] lg = densities.get(e.getKey());
        double u = lg[0].sample(rng);
        String value = e.getValue().value(u);
        double at = e.getValue().unit(value);
        score += Math.log(lg[0].at(at)) - Math.log(lg[1].at(at));
        candidate.put(e.getKey(), value);
      }
      if (score > chosenScore) {
        chosen = candidate;
        chosenScore = score;
      }
    }
    return chosen;
  }

  private static Density density(SearchRange range, String key, List<Observation> trials) {
    double[] units = trials.stream().mapToDouble(t -> range.unit(t.point().get(key)))
        .filter(u -> !Double.isNaN(u)).toArray();
    return range.categorical()
        ? new Categorical(((SearchRange.Choice) range).values().size(), units)
        : Parzen.of(units);
  }

  /** A density on the unit interval that can be sampled. */
  private interface Density {
    double at(double u);

    double sample(SplittableRandom rng);
  }

  /** Counts plus one over a choice's slices. */
  private record Categorical(double[] weights) implements Density {
    Categorical(int size, double[] units) {
      this(weights(size, units));
    }

    private static double[] weights(int size, double[] units) {
      double[] w = new double[size];
      Arrays.fill(w, 1.0);
      for (double u : units) {
        w[Math.min(size - 1, (int) Math.floor(u * size))]++;
      }
      double total = Arrays.stream(w).sum();
      for (int k = 0; k < size; k++) {
        w[k] /= total;
      }
      return w;
    }

    @Override
    public double at(double u) {
      return weights[Math.min(weights.length - 1, (int) Math.floor(u * weights.length))];
    }

    @Override
    public double sample(SplittableRandom rng) {
      double r = rng.nextDouble();
      for (int k = 0; k < weights.length; k++) {
        r -= weights[k];
        if (r < 0) {
          return (k + 0.5) / weights.length;
        }
      }
      return (weights.length - 0.5) / weights.length;
    }
  }

  /** Gaussian kernels truncated to the unit interval, equally weighted, one of them the prior. */
  private record Parzen(double[] mus, double[] sigmas) implements Density {
    private static final double PRIOR_MU = 0.5;
    private static final double PRIOR_SIGMA = 1.0;

    static Parzen of(double[] observed) {
      double[] mus = Arrays.copyOf(observed, observed.length + 1);
      mus[observed.length] = PRIOR_MU;
      Arrays.sort(mus);
      double[] sigmas = new double[mus.length];
      double floor = 1.0 / Math.min(100, mus.length);
      boolean priorSet = false;
      for (int k = 0; k < mus.length; k++) {
        if (!priorSet && mus[k] == PRIOR_MU) {
          sigmas[k] = PRIOR_SIGMA;
          priorSet = true;
          continue;
        }
        double left = mus[k] - (k == 0 ? 0 : mus[k - 1]);
        double right = (k == mus.length - 1 ? 1 : mus[k + 1]) - mus[k];
        sigmas[k] = Math.min(1.0, Math.max(floor, Math.max(left, right)));
      }
      return new Parzen(mus, sigmas);
    }

    @Override
    public double at(double u) {
      double sum = 0;
      for (int k = 0; k < mus.length; k++) {
        double z = (u - mus[k]) / sigmas[k];
        sum += Math.exp(-0.5 * z * z) / (sigmas[k] * Math.sqrt(2 * Math.PI)) / mass(k);
      }
      return Math.max(sum / mus.length, 1e-300);
    }

    /** The part of kernel k inside the unit interval. */
    private double mass(int k) {
      return Math.max(1e-12, phi((1 - mus[k]) / sigmas[k]) - phi(-mus[k] / sigmas[k]));
    }

    private static double phi(double z) {
      return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
    }

    @Override
    public double sample(SplittableRandom rng) {
      int k = rng.nextInt(mus.length);
      for (int attempt = 0; attempt < 100; attempt++) {
        double u = mus[k] + sigmas[k] * rng.nextGaussian();
        if (u >= 0 && u < 1) {
          return u;
        }
      }
      return Math.min(Math.nextDown(1.0), Math.max(0, mus[k]));
    }
  }
}
