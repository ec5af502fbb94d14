package org.ddrm.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.ddrm.api.Dataset;
import org.ddrm.api.Denoiser;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.evaluation.EvaluationOptions;
import org.ddrm.core.train.EmbeddingPipeline;
import org.ddrm.core.evaluation.EvaluationResult;
import org.ddrm.core.evaluation.FullRankingEvaluator;
import org.ddrm.core.evaluation.PerUserMetrics;
import org.ddrm.core.evaluation.Split;
import org.junit.jupiter.api.Assumptions;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Checks of a model built into a graph ({@link KitRun}): scores, determinism, seeds, training,
 * resume, ranking by the shared evaluator. Each takes a {@link Builder} (a fresh run per seed) and a name for messages, and throws
 * an {@link AssertionError} that says what to fix.
 */
public final class ModelChecks {
  /** Epochs each earlier stage trains before the stage a check looks at. */
  static final int EARLIER_EPOCHS = 2;

  /** The relative difference two runs of one model may show: float rounding. */
  static final double ROUNDING = 1e-6;

  /** Builds the model under test, afresh, with the given seed. */
  @FunctionalInterface
  public interface Builder {
    KitRun build(long seed);
  }

  private ModelChecks() {}

  /**
   * Builds the run; a setting the provider reads without declaring it becomes a message saying
   * so.
   */
  public static KitRun open(Builder builder, String what, long seed) {
    try {
      return builder.build(seed);
    } catch (ConfigException e) {
      if (e.getMessage().startsWith("missing setting")) {
        throw new AssertionError(what + " reads a setting it does not declare (" + e.getMessage()
            + "): add it to settings() with its default", e);
      }
      throw new AssertionError(what + " refused the kit's settings: " + e.getMessage(), e);
    }
  }

  /**
   * The final model scores every item for each user: shape [users, numItems], every value
   * finite, so that the shared evaluator's -inf mask over seen items is what removes them.
   */
  public static void scoresHaveOneFiniteRowPerUser(Builder builder, String what) {
    try (KitRun run = open(builder, what, 1)) {
      int[] users = {0, 1, KitData.USERS - 1};
      long[] shape = run.scoreShape(users);
      if (shape.length != 2 || shape[0] != users.length || shape[1] != KitData.ITEMS) {
        throw new AssertionError(what + ": scores(users) of " + users.length + " users has shape "
            + java.util.Arrays.toString(shape) + "; expected [" + users.length + ", "
            + KitData.ITEMS + "] (one row per user, one column per item of the data set)");
      }
      float[] scores = run.scores(users);
      for (int k = 0; k < scores.length; k++) {
        if (!Float.isFinite(scores[k])) {
          throw new AssertionError(what + ": score of user " + users[k / KitData.ITEMS]
              + " for item " + k % KitData.ITEMS + " is " + scores[k] + "; scores must be finite:"
              + " the evaluator masks seen items itself (with -inf), a model must not");
        }
      }
    }
  }

  /** A user's scores are the same whichever users share its evaluation batch. */
  public static void scoresOfAUserDoNotDependOnTheBatch(Builder builder, String what) {
    try (KitRun run = open(builder, what, 1)) {
      int user = 5;
      float[] alone = run.scores(user);
      float[] inBatch = run.scores(0, 1, 2, 3, 4, user, 6, 7);
      for (int i = 0; i < KitData.ITEMS; i++) {
        float other = inBatch[5 * KitData.ITEMS + i];
        if (Math.abs(alone[i] - other) > 1e-5 * Math.max(1, Math.abs(alone[i]))) {
          throw new AssertionError(what + ": user " + user + "'s score for item " + i + " is "
              + alone[i] + " scored alone and " + other + " in a batch of 8; a score must depend"
              + " only on its user and item (the evaluator's batch size is a setting), so draw"
              + " any inference noise per user, not per batch row");
        }
      }
    }
  }

  /**
   * Two runs with one seed give the same scores after training every stage, to float rounding
   * ({@value #ROUNDING} relative: LightGCN's sparse propagation was seen to differ in the last bit
   * between two sessions of one JVM); a seed that does not reach an op differs far more.
   */
  public static void sameSeedGivesSameNumbers(Builder builder, String what) {
    float[] first = trainedScores(builder, what, 7);
    float[] second = trainedScores(builder, what, 7);
    for (int k = 0; k < first.length; k++) {
      if (!sameToRounding(first[k], second[k])) {
        throw new AssertionError(what + ": two runs with seed 7 differ after training (user "
            + k / KitData.ITEMS + ", item " + k % KitData.ITEMS + ": " + first[k] + " vs "
            + second[k] + "); draw initialisers with graph.nextSeed(), random ops while training"
            + " with graph.nextOpSeed() and org.ddrm.api.nn.SeededOps, and Java-side sampling"
            + " from the generator the framework passes (never new Random())");
      }
    }
  }

  /**
   * The run's seed reaches the initialisers: under seeds 1 and 2 the part's variables do not all
   * start from the same values. Variables that start from a constant, or from values computed
   * from the data (a popularity prior), are the same under every seed and are allowed, as long as
   * one variable is drawn from the seed.
   *
   * @param variables the variables of the part under test (a backend's, a denoiser's, a model's)
   */
  public static void seedReachesEveryInitialiser(Builder builder, String what,
      Function<KitRun, List<Variable<TFloat32>>> variables) {
    List<float[]> first = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (KitRun run = open(builder, what, 1)) {
      for (Variable<TFloat32> variable : variables.apply(run)) {
        names.add(variable.op().name());
        first.add(run.values(variable));
      }
    }
    Assumptions.assumeFalse(names.isEmpty(), what + " has no variables of its own to initialise");
    List<String> same = new ArrayList<>();
    try (KitRun run = open(builder, what, 2)) {
      List<Variable<TFloat32>> second = variables.apply(run);
      for (int k = 0; k < names.size(); k++) {
        float[] a = first.get(k);
        if (constant(a)) {
          continue;
        }
        if (!java.util.Arrays.equals(a, run.values(second.get(k)))) {
          return;
        }
        same.add(names.get(k));
      }
    }
    Assumptions.assumeFalse(same.isEmpty(), what + "'s variables all start from constants");
    throw new AssertionError(what + ": every variable (" + String.join(", ", same) + ") starts"
        + " from the same values under seeds 1 and 2, so the run's seed does not reach the"
        + " initialisers; seed them with graph.nextSeed() (a TF initialiser's seed, or a Java"
        + " SplittableRandom(graph.nextSeed()) that draws the initial values)");
  }

  /**
   * The last stage's epoch mean loss falls over a few epochs (after each earlier stage trained
   * {@value #EARLIER_EPOCHS} epochs), and every epoch's loss is finite.
   */
  public static void lossFalls(Builder builder, String what, int epochs) {
    try (KitRun run = open(builder, what, 3)) {
      int last = run.stages().size() - 1;
      for (int k = 0; k < last; k++) {
        run.train(k, EARLIER_EPOCHS);
      }
      List<Double> losses = run.train(last, epochs);
      Assumptions.assumeFalse(losses.isEmpty(), what + " has nothing to train");
      String curve = losses.stream().map(l -> String.format(Locale.ROOT, "%.5f", l)).toList()
          .toString();
      if (losses.stream().anyMatch(l -> !Double.isFinite(l))) {
        throw new AssertionError(what + ": a loss is not finite over " + epochs + " epochs "
            + curve + "; guard logs and divisions (add an epsilon), check the learning rate");
      }
      if (!(losses.get(losses.size() - 1) < losses.get(0))) {
        throw new AssertionError(what + ": the loss of stage '" + run.stages().get(last).name()
            + "' did not fall over " + epochs + " epochs " + curve + "; check that the loss"
            + " depends on the variables the model lists as trainable, that their gradients"
            + " are not cut (stopGradient), and the learning rate");
      }
    }
  }

  /**
   * Training the last stage to epoch {@code epochs} straight through, and to epoch
   * {@code epochs - 1}, checkpointing every variable, and resuming in a fresh graph for the last
   * epoch, give the same scores (to float rounding, as {@link #sameSeedGivesSameNumbers}).
   */
  public static void checkpointThenResumeGivesTheUninterruptedResult(Builder builder,
      String what, int epochs) {
    float[] straight;
    int last;
    try (KitRun run = open(builder, what, 5)) {
      last = run.stages().size() - 1;
      trainEarlier(run, last);
      Assumptions.assumeFalse(run.train(last, epochs).isEmpty(), what + " has nothing to train");
      straight = run.scores(allUsers());
    }
    Path directory;
    try {
      directory = Files.createTempDirectory("ddrm-testkit-resume");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double[] carried;
    try (KitRun run = open(builder, what, 5)) {
      trainEarlier(run, last);
      run.train(last, epochs - 1);
      carried = run.stages().get(last).model().batches().carriedState();
      run.save(directory);
    }
    float[] resumed;
    try (KitRun run = open(builder, what, 5)) {
      run.restore(directory, last, epochs - 1, carried);
      run.train(last, 1);
      resumed = run.scores(allUsers());
    }
    for (int k = 0; k < straight.length; k++) {
      if (!sameToRounding(straight[k], resumed[k])) {
        throw new AssertionError(what + ": resumed from a checkpoint after epoch " + (epochs - 1)
            + ", the run ends with other scores than the uninterrupted one (user "
            + k / KitData.ITEMS + ", item " + k % KitData.ITEMS + ": " + straight[k] + " vs "
            + resumed[k] + "); keep training state in variables (checkpointed) or in"
            + " BatchSource.carriedState(), and key training-time random ops by the step"
            + " (graph.nextOpSeed() with SeededOps), not by a stateful generator");
      }
    }
  }

  /**
   * The shared evaluator ({@link FullRankingEvaluator}, the one every run reports with) ranks the
   * model as its own scores do: after {@value #EARLIER_EPOCHS} epochs per stage, every test user
   * with ground truth is evaluated, each one's top {@value #EVAL_K} are items it has not seen in
   * train or valid, in falling score order, and no unseen item outside them scores higher than
   * the last of them; every mean is a finite number (recall and NDCG in [0, 1]).
   */
  public static void rankedByTheSharedEvaluator(Builder builder, String what) {
    try (KitRun run = open(builder, what, 1)) {
      run.trainAll(EARLIER_EPOCHS);
      Dataset data = run.context().dataset();
      EvaluationResult result = new FullRankingEvaluator(run.session(), run.context().tf(),
          run.finalModel(), data, new EvaluationOptions(List.of(EVAL_K), 16, true))
          .evaluate(Split.TEST);
      long withTruth = IntStream.range(0, data.numUsers())
          .filter(u -> data.testMatrix().degree(u) > 0).count();
      if (result.usersEvaluated() != withTruth) {
        throw new AssertionError(what + ": the shared evaluator ranked " + result.usersEvaluated()
            + " test users, not the " + withTruth + " with test items: scores(users) must give"
            + " one row per user asked for");
      }
      result.means().forEach((metric, value) -> {
        boolean bounded = !(metric.startsWith("recall@") || metric.startsWith("ndcg@"))
            || value >= 0 && value <= 1;
        if (!Double.isFinite(value) || !bounded) {
          throw new AssertionError(what + ": the shared evaluator's mean " + metric + " is "
              + value + ": the scores hold NaN or infinite values for some users");
        }
      });
      PerUserMetrics table = result.perUser();
      for (int row = 0; row < table.size(); row++) {
        int user = table.user(row);
        int[] top = table.topItems(row).orElseThrow();
        float[] scores = run.scores(user);
        Set<Integer> seen = new HashSet<>();
        Arrays.stream(data.trainMatrix().items(user)).forEach(seen::add);
        Arrays.stream(data.validMatrix().items(user)).forEach(seen::add);
        Set<Integer> listed = new HashSet<>();
        for (int r = 0; r < top.length; r++) {
          if (seen.contains(top[r])) {
            throw new AssertionError(what + ": the shared evaluator recommended item " + top[r]
                + " to user " + user + ", who has it in train or valid: the evaluator masks seen"
                + " items by setting their scores to -inf, so scores must be one finite value per"
                + " item, in item-id order");
          }
          if (r > 0 && scores[top[r]] > scores[top[r - 1]]
              && !sameToRounding(scores[top[r]], scores[top[r - 1]])) {
            throw new AssertionError(what + ": user " + user + "'s list from the shared evaluator"
                + " is not in the order of the model's own scores (item " + top[r] + " scores "
                + scores[top[r]] + " after item " + top[r - 1] + " with " + scores[top[r - 1]]
                + "): scores(users) must not depend on the other users of the batch");
          }
          listed.add(top[r]);
        }
        float last = scores[top[top.length - 1]];
        for (int item = 0; item < scores.length; item++) {
          if (!seen.contains(item) && !listed.contains(item) && scores[item] > last
              && !sameToRounding(scores[item], last)) {
            throw new AssertionError(what + ": user " + user + "'s item " + item + " scores "
                + scores[item] + ", above the shared evaluator's last listed item (" + last
                + "), yet is not listed: the evaluator's batch scores differ from the model's"
                + " own; check feedScoring and the batch dependence of scores(users)");
          }
        }
      }
    }
  }

  /**
   * Score factors, where a model offers them, give its scores: after {@value #EARLIER_EPOCHS}
   * epochs per stage, row u of {@link org.ddrm.api.TrainableModel#scoringFactors()}'s user table
   * times its item table is {@code scores(u)}, and for a denoiser its
   * {@link org.ddrm.api.Denoiser#startingFactors()} give its {@code startingScores} likewise
   * (the evaluator ranks the factors' products, not the scores). Skipped when there are none.
   */
  public static void factorsGiveTheScores(Builder builder, String what) {
    try (KitRun run = open(builder, what, 1)) {
      run.trainAll(EARLIER_EPOCHS);
      int[] users = {0, 1, KitData.USERS - 1};
      Optional<UserItemTables> factors = run.finalModel().scoringFactors();
      Optional<Denoiser> denoiser = run.pipeline().map(EmbeddingPipeline::denoiser);
      Optional<UserItemTables> starting = denoiser.flatMap(Denoiser::startingFactors);
      Assumptions.assumeTrue(factors.isPresent() || starting.isPresent(),
          what + " offers no score factors");
      factors.ifPresent(tables -> productsAreScores(run, tables, users, run.scores(users),
          what + ": scoringFactors()", "scores(users)"));
      if (starting.isPresent()) {
        var startingScores = denoiser.get().startingScores().orElseThrow(() -> new AssertionError(
            what + ": startingFactors() without startingScores(): offer both or neither"));
        Ops tf = run.context().tf();
        productsAreScores(run, starting.get(), users,
            run.fetch(startingScores.apply(tf.constant(users))), what + ": startingFactors()",
            "startingScores()");
      }
    }
  }

  private static void productsAreScores(KitRun run, UserItemTables tables, int[] users,
      float[] scores, String factorsName, String scoresName) {
    float[] userRows = run.fetch(tables.users());
    float[] itemRows = run.fetch(tables.items());
    int dim = itemRows.length / KitData.ITEMS;
    if (dim * KitData.ITEMS != itemRows.length || dim * KitData.USERS != userRows.length) {
      throw new AssertionError(factorsName + " has tables of " + userRows.length + " and "
          + itemRows.length + " values: expected [" + KitData.USERS + ", dim] users and ["
          + KitData.ITEMS + ", dim] items");
    }
    for (int r = 0; r < users.length; r++) {
      for (int item = 0; item < KitData.ITEMS; item++) {
        double product = 0;
        for (int k = 0; k < dim; k++) {
          product += (double) userRows[users[r] * dim + k] * itemRows[item * dim + k];
        }
        float score = scores[r * KitData.ITEMS + item];
        if (Math.abs(product - score) > 1e-4 * Math.max(1, Math.abs(score))) {
          throw new AssertionError(factorsName + ": user " + users[r] + "'s row times item "
              + item + "'s row is " + product + ", but " + scoresName + " gives " + score
              + ": the factors must be the tables whose inner products are the scores");
        }
      }
    }
  }

  /** The cut-off of {@link #rankedByTheSharedEvaluator}. */
  static final int EVAL_K = 10;

  private static boolean sameToRounding(float a, float b) {
    return a == b || Math.abs(a - b) <= ROUNDING * Math.max(1, Math.abs(a));
  }

  private static void trainEarlier(KitRun run, int last) {
    for (int k = 0; k < last; k++) {
      run.train(k, EARLIER_EPOCHS);
    }
  }

  private static float[] trainedScores(Builder builder, String what, long seed) {
    try (KitRun run = open(builder, what, seed)) {
      run.trainAll(EARLIER_EPOCHS);
      return run.scores(allUsers());
    }
  }

  static int[] allUsers() {
    int[] users = new int[KitData.USERS];
    for (int u = 0; u < users.length; u++) {
      users[u] = u;
    }
    return users;
  }

  private static boolean constant(float[] values) {
    for (float v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }
}
