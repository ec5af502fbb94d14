package org.ddrm.core.data;

import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.UserItemMatrix;

/** A plain-Java MF-BPR and popularity ranker, to check that a data set is learnable. */
final class TinyBpr {
  private TinyBpr() {}

  /** Trains MF-BPR with SGD on the train pairs; returns user and item factors. */
  static double[][][] train(Dataset data, int dim, int epochs, double lr, double reg, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] users = init(random, data.numUsers(), dim);
    double[][] items = init(random, data.numItems(), dim);
    UserItemMatrix seen = data.trainMatrix();
    int n = data.train().size();
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int step = 0; step < n; step++) {
        int k = random.nextInt(n);
        int u = data.train().user(k);
        int i = data.train().item(k);
        int j;
        do {
          j = random.nextInt(data.numItems());
        } while (seen.contains(u, j));
        double[] pu = users[u];
        double[] qi = items[i];
        double[] qj = items[j];
        double x = 0;
        for (int f = 0; f < dim; f++) {
          x += pu[f] * (qi[f] - qj[f]);
        }
        double g = 1 / (1 + Math.exp(x)); // d(-log sigmoid(x))/dx = -g
        for (int f = 0; f < dim; f++) {
          double puf = pu[f];
          pu[f] += lr * (g * (qi[f] - qj[f]) - reg * puf);
          qi[f] += lr * (g * puf - reg * qi[f]);
          qj[f] += lr * (-g * puf - reg * qj[f]);
        }
      }
    }
    return new double[][][] {users, items};
  }

  /** Mean test Recall@k of MF scores, ranking all items not in train or valid. */
  static double recallOfModel(Dataset data, double[][][] model, int k) {
    double[][] users = model[0];
    double[][] items = model[1];
    return recall(data, k, (u, scores) -> {
      for (int i = 0; i < scores.length; i++) {
        double s = 0;
        for (int f = 0; f < users[u].length; f++) {
          s += users[u][f] * items[i][f];
        }
        scores[i] = s;
      }
    });
  }

  /** Mean test Recall@k of ranking by train popularity. */
  static double recallOfPopularity(Dataset data, int k) {
    double[] popularity = new double[data.numItems()];
    for (int p = 0; p < data.train().size(); p++) {
      popularity[data.train().item(p)]++;
    }
    return recall(data, k, (u, scores) -> System.arraycopy(popularity, 0, scores, 0,
        scores.length));
  }

  interface Scorer {
    void score(int user, double[] scores);
  }

  private static double recall(Dataset data, int k, Scorer scorer) {
    UserItemMatrix train = data.trainMatrix();
    UserItemMatrix valid = data.validMatrix();
    UserItemMatrix test = data.testMatrix();
    double[] scores = new double[data.numItems()];
    double sum = 0;
    int counted = 0;
    for (int u = 0; u < data.numUsers(); u++) {
      if (test.degree(u) == 0) {
        continue;
      }
      scorer.score(u, scores);
      for (int i : train.items(u)) {
        scores[i] = Double.NEGATIVE_INFINITY;
      }
      for (int i : valid.items(u)) {
        scores[i] = Double.NEGATIVE_INFINITY;
      }
      int hits = 0;
      for (int i : test.items(u)) {
        int better = 0;
        for (int j = 0; j < scores.length && better < k; j++) {
          if (scores[j] > scores[i] || (scores[j] == scores[i] && j < i)) {
            better++;
          }
        }
        if (better < k) {
          hits++;
        }
      }
      sum += (double) hits / test.degree(u);
      counted++;
    }
    return sum / counted;
  }

  private static double[][] init(SplittableRandom random, int rows, int dim) {
    double[][] m = new double[rows][dim];
    for (double[] row : m) {
      for (int f = 0; f < dim; f++) {
        row[f] = 0.1 * (random.nextDouble() - 0.5);
      }
    }
    return m;
  }
}
