package org.ddrm.core.evaluation;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.ddrm.api.Dataset;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.UserItemMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Full-ranking evaluation of a {@link TrainableModel} over all items, in user batches.
 *
 * <p>The constructor adds the evaluation ops to the model's graph once: a users placeholder
 * (int32 [B]), the model's scores [B, numItems], a mask that sets the scores of already-seen
 * items to -infinity (fed as [m, 2] pairs of (row in batch, item), applied with
 * {@code TensorScatterNdUpdate}, so nothing larger than one batch of scores is ever built), and
 * a top-K with k = min(max K, numItems).
 *
 * <p>At scale two things keep it near the cost of the scoring product itself. A model that
 * exposes its scores' factor tables ({@link TrainableModel#scoringFactors()}) has them computed
 * once per evaluation rather than once per batch (a graph model's propagation, DDRM's inference
 * and history means), and each batch is one product of its user rows with the item table
 * ({@link BlockScoring}). And when items far outnumber K, the top-K runs over the items of the
 * chunks with the best maxima only ({@link ChunkedTopK}), exact, ties included.
 *
 * <ul>
 *   <li>{@link Split#VALID}: ground truth = validation items, masked = train items.
 *   <li>{@link Split#TEST}: ground truth = test items, masked = train and validation items.
 * </ul>
 *
 * Besides the per-user {@link RankingMetrics} (with the train split's {@link ItemPopularity}),
 * each evaluation reports item coverage ({@link #COVERAGE}) at every K, after the means.
 *
 * <p>Items whose score is -infinity (masked) or NaN are not ranked, so a user with fewer unmasked
 * items than K gets a shorter list. Ties are broken by the lower item id (TensorFlow's top-K
 * puts the lower index first among equal values). Users with an empty ground truth are not
 * scored. Each user's list depends only on their own scores and means are summed in ascending
 * user order, so the results do not depend on the batch size as long as the model scores each
 * user independently of the rest of the batch.
 *
 * <p>Not thread-safe: one evaluation at a time per evaluator.
 */
public final class FullRankingEvaluator {
  /**
   * The name of item coverage, a metric of the whole evaluation rather than of a user: the
   * share of all items in at least one evaluated user's top K ({@code coverage@K}).
   */
  public static final String COVERAGE = "coverage";

  private static final Logger log = LoggerFactory.getLogger(FullRankingEvaluator.class);

  private final Session session;
  private final TrainableModel model;
  private final Dataset dataset;
  private final EvaluationOptions options;
  private final RankingMetrics metrics;
  private final int rankedLength;
  private final Placeholder<TInt32> users;
  private final Placeholder<TInt32> maskPairs;
  private final Operand<TInt32> listLength;
  private final TopK<TFloat32, TInt32> topK;
  private final Optional<BlockScoring> blockScoring;
  private final Optional<ChunkedTopK> chunkedTopK;
  private final int chunks;

  /** An evaluator with {@link EvaluationOptions#defaults()}. */
  public FullRankingEvaluator(Session session, Ops tf, TrainableModel model, Dataset dataset) {
    this(session, tf, model, dataset, EvaluationOptions.defaults());
  }

  /**
   * Adds the evaluation ops to the graph of {@code tf}.
   *
   * @param session the session that runs the model's graph
   * @param tf the op factory of the model's graph
   * @param model the model whose {@link TrainableModel#scores} are ranked
   * @param dataset the data set the model was built on
   * @param options cut-offs, batch size, whether to keep the top-K lists
   */
  public FullRankingEvaluator(
      Session session, Ops tf, TrainableModel model, Dataset dataset, EvaluationOptions options) {
    this(session, tf, model, dataset, options, ChunkedTopK.DEFAULT_WIDTH);
  }

  /** As above, with top-K chunks of {@code chunkWidth} items (tests use small ones). */
  FullRankingEvaluator(Session session, Ops tf, TrainableModel model, Dataset dataset,
      EvaluationOptions options, int chunkWidth) {
    this.session = Objects.requireNonNull(session, "session");
    this.model = Objects.requireNonNull(model, "model");
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.options = Objects.requireNonNull(options, "options");
    if (dataset.numItems() <= 0) {
      throw new IllegalArgumentException("data set " + dataset.name() + " has no items to rank");
    }
    this.metrics = new RankingMetrics(options.ks(), Optional.of(
        ItemPopularity.of(dataset.trainMatrix(), dataset.numUsers(), dataset.numItems())));
    this.rankedLength = Math.min(metrics.maxK(), dataset.numItems());

    Ops eval = tf.withSubScope("evaluation");
    users = eval.withName("users").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    maskPairs =
        eval.withName("mask_pairs").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 2)));
    chunks = ChunkedTopK.chunksOf(dataset.numItems(), chunkWidth);
    boolean chunked = ChunkedTopK.pays(chunks, rankedLength);
    int columns = chunked ? chunks * chunkWidth : dataset.numItems();
    blockScoring = model.scoringFactors()
        .map(factors -> new BlockScoring(eval, factors, dataset.numItems(), columns));
    Operand<TFloat32> scores =
        blockScoring.map(block -> block.scores(eval, users)).orElseGet(() -> model.scores(users));
    Operand<TInt32> maskCount =
        eval.slice(eval.shape(maskPairs), eval.constant(new int[] {0}), eval.constant(new int[] {1}));
    Operand<TFloat32> minusInfinity =
        eval.fill(maskCount, eval.constant(Float.NEGATIVE_INFINITY));
    Operand<TFloat32> masked = eval.tensorScatterNdUpdate(scores, maskPairs, minusInfinity);
    listLength = eval.withName("list_length")
        .placeholderWithDefault(eval.constant(rankedLength), Shape.scalar());
    topK = eval.nn.topK(masked, listLength, new TopK.Options[] {TopK.sorted(true)});
    chunkedTopK = chunked
        ? Optional.of(new ChunkedTopK(eval, padded(eval, scores, columns), maskPairs, chunks,
            chunkWidth, listLength))
        : Optional.empty();
  }

  /** {@code scores} widened to {@code columns} with -infinity, unless they are that wide. */
  private Operand<TFloat32> padded(Ops eval, Operand<TFloat32> scores, int columns) {
    int missing = columns - dataset.numItems();
    if (blockScoring.isPresent() || missing == 0) {
      return scores; // block scores are as wide as the padded item table
    }
    return eval.pad(scores, eval.constant(new int[][] {{0, 0}, {0, missing}}),
        eval.constant(Float.NEGATIVE_INFINITY));
  }

  /** The metric computation this evaluator uses (cut-offs and metric names). */
  public RankingMetrics metrics() {
    return metrics;
  }

  /** Evaluates every user with a non-empty ground truth in the split. */
  public EvaluationResult evaluate(Split split) {
    return evaluate(split, IntStream.range(0, dataset.numUsers()).toArray());
  }

  /**
   * Evaluates the given users (for example a fixed validation subset). Users with an empty ground
   * truth are skipped; the rest are ranked in ascending id order, repeats counted once.
   *
   * @throws IllegalArgumentException when a user id lies outside the data set
   */
  public EvaluationResult evaluate(Split split, int[] candidateUsers) {
    long start = System.nanoTime();
    UserItemMatrix truth = truthOf(split);
    int[] selected = selectUsers(candidateUsers, truth);
    MetricMeans means = new MetricMeans(metrics.names());
    PerUserMetrics.Builder table =
        new PerUserMetrics.Builder(metrics.names(), options.keepTopItems());
    int usersWithNaN = 0;
    List<Integer> ks = metrics.ks();
    BitSet[] covered = new BitSet[ks.size()];
    Arrays.setAll(covered, c -> new BitSet(dataset.numItems()));
    try (BlockScoring.Tables tables = tablesFor(selected.length)) {
      for (int from = 0; from < selected.length; from += options.batchSize()) {
        int[] batch = Arrays.copyOfRange(
            selected, from, Math.min(selected.length, from + options.batchSize()));
        RankedBatch ranked = rank(tables, batch, maskPairsOf(batch, split), rankedLength);
        usersWithNaN += ranked.usersWithNaN();
        for (int row = 0; row < batch.length; row++) {
          int user = batch[row];
          int[] userTruth = truth.items(user);
          double[] values = metrics.evaluate(ranked.items()[row], userTruth).orElseThrow();
          means.add(values);
          table.add(user, userTruth.length, values, ranked.items()[row]);
          int[] items = ranked.items()[row];
          for (int c = 0; c < ks.size(); c++) {
            for (int r = 0; r < Math.min(ks.get(c), items.length); r++) {
              covered[c].set(items[r]);
            }
          }
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (usersWithNaN > 0) {
      log.warn(
          "{} evaluation: {} users have NaN scores among their top {}; those items were not ranked",
          split.label(), usersWithNaN, rankedLength);
    }
    Map<String, Double> all = new LinkedHashMap<>(means.means());
    for (int c = 0; c < ks.size(); c++) {
      all.put(COVERAGE + "@" + ks.get(c), (double) covered[c].cardinality() / dataset.numItems());
    }
    EvaluationResult result =
        new EvaluationResult(split, all, means.count(), seconds, table.build());
    if (result.usersEvaluated() == 0) {
      log.warn("{} evaluation: no user has ground truth; every mean is 0", split.label());
    }
    int firstK = metrics.ks().get(0);
    log.info(
        "{} evaluation of {} users in {} s: {} {}, {} {}",
        split.label(),
        result.usersEvaluated(),
        String.format(Locale.ROOT, "%.2f", seconds),
        RankingMetric.RECALL.at(firstK),
        String.format(Locale.ROOT, "%.4f", result.metric(RankingMetric.RECALL, firstK)),
        RankingMetric.NDCG.at(firstK),
        String.format(Locale.ROOT, "%.4f", result.metric(RankingMetric.NDCG, firstK)));
    log.debug("{} evaluation means: {}", split.label(), result.means());
    return result;
  }

  private UserItemMatrix truthOf(Split split) {
    return split == Split.VALID ? dataset.validMatrix() : dataset.testMatrix();
  }

  private int[] selectUsers(int[] candidates, UserItemMatrix truth) {
    for (int user : candidates) {
      if (user < 0 || user >= dataset.numUsers()) {
        throw new IllegalArgumentException(
            "user " + user + " outside the data set's users 0.." + (dataset.numUsers() - 1));
      }
    }
    return Arrays.stream(candidates).sorted().distinct().filter(u -> truth.degree(u) > 0).toArray();
  }

  /**
   * The top {@code k} items of each given user with their scores, train items masked (as in
   * {@link Split#VALID} evaluation), for every user whether or not they have ground truth; users
   * in the order given. Lists are shorter than {@code k} when fewer items are unmasked.
   *
   * @throws IllegalArgumentException when {@code k < 1} or a user lies outside the data set
   */
  public Recommendations recommend(int[] users, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("top-K lists need k >= 1, got " + k);
    }
    for (int user : users) {
      if (user < 0 || user >= dataset.numUsers()) {
        throw new IllegalArgumentException(
            "user " + user + " outside the data set's users 0.." + (dataset.numUsers() - 1));
      }
    }
    int length = Math.min(k, dataset.numItems());
    int[][] items = new int[users.length][];
    float[][] scores = new float[users.length][];
    try (BlockScoring.Tables tables = tablesFor(users.length)) {
      for (int from = 0; from < users.length; from += options.batchSize()) {
        int[] batch =
            Arrays.copyOfRange(users, from, Math.min(users.length, from + options.batchSize()));
        RankedBatch ranked = rank(tables, batch, maskPairsOf(batch, Split.VALID), length);
        System.arraycopy(ranked.items(), 0, items, from, batch.length);
        System.arraycopy(ranked.scores(), 0, scores, from, batch.length);
      }
    }
    return new Recommendations(users.clone(), items, scores);
  }

  /**
   * The factor tables computed once for an evaluation of {@code users} users (none to compute
   * when the model has no factors or nobody is evaluated).
   */
  private BlockScoring.Tables tablesFor(int users) {
    return blockScoring.filter(block -> users > 0)
        .map(block -> block.compute(session)).orElseGet(BlockScoring.Tables::none);
  }

  /** Scores one batch, masks the given pairs and returns each user's top {@code length} items. */
  @SuppressWarnings("try") // the scoring feeds are only held open for the run
  private RankedBatch rank(BlockScoring.Tables tables, int[] batch, int[] pairs, int length) {
    int[] allPairs = blockScoring.map(block -> block.withPaddingMasked(pairs, batch.length))
        .orElse(pairs);
    Optional<ChunkedTopK> chunked =
        chunkedTopK.filter(selection -> ChunkedTopK.pays(chunks, length));
    Operand<TFloat32> topValues = chunked.<Operand<TFloat32>>map(ChunkedTopK::values)
        .orElse(topK.values());
    Operand<TInt32> topIndices = chunked.<Operand<TInt32>>map(ChunkedTopK::indices)
        .orElse(topK.indices());
    try (TInt32 userTensor = TInt32.vectorOf(batch);
        TInt32 lengthTensor = TInt32.scalarOf(length);
        TInt32 maskTensor = TInt32.tensorOf(
            Shape.of(allPairs.length / 2, 2), DataBuffers.of(allPairs, true, false))) {
      Session.Runner runner =
          session
              .runner()
              .feed(users, userTensor)
              .feed(maskPairs, maskTensor)
              .feed(listLength, lengthTensor)
              .fetch(topValues)
              .fetch(topIndices);
      tables.feed(runner);
      AutoCloseable scoringFeeds =
          blockScoring.isPresent() ? () -> { } : model.feedScoring(batch, runner);
      try (ScoringFeeds feeds = new ScoringFeeds(scoringFeeds);
          Result result = runner.run()) {
        float[] values = new float[batch.length * length];
        int[] indices = new int[batch.length * length];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
        ((TInt32) result.get(1)).copyTo(DataBuffers.of(indices, false, false));
        return toRankedLists(batch.length, length, values, indices);
      }
    }
  }

  private static RankedBatch toRankedLists(int rows, int width, float[] values, int[] indices) {
    int[][] ranked = new int[rows][];
    float[][] scores = new float[rows][];
    int usersWithNaN = 0;
    int[] buffer = new int[width];
    float[] scoreBuffer = new float[width];
    for (int row = 0; row < rows; row++) {
      int length = 0;
      boolean sawNaN = false;
      for (int c = 0; c < width; c++) {
        float value = values[row * width + c];
        if (Float.isNaN(value)) {
          sawNaN = true;
        } else if (value != Float.NEGATIVE_INFINITY) {
          scoreBuffer[length] = value;
          buffer[length++] = indices[row * width + c];
        }
      }
      ranked[row] = Arrays.copyOf(buffer, length);
      scores[row] = Arrays.copyOf(scoreBuffer, length);
      if (sawNaN) {
        usersWithNaN++;
      }
    }
    return new RankedBatch(ranked, scores, usersWithNaN);
  }

  /** The (row, item) pairs to mask, flattened: train items, plus validation items for test. */
  private int[] maskPairsOf(int[] batch, Split split) {
    UserItemMatrix train = dataset.trainMatrix();
    UserItemMatrix valid = split == Split.TEST ? dataset.validMatrix() : null;
    int capacity = 0;
    for (int user : batch) {
      capacity += train.degree(user) + (valid == null ? 0 : valid.degree(user));
    }
    int[] pairs = new int[2 * capacity];
    int n = 0;
    for (int row = 0; row < batch.length; row++) {
      int user = batch[row];
      int[] seen = valid == null ? train.items(user) : mergeSorted(train.items(user), valid.items(user));
      for (int item : seen) {
        pairs[n++] = row;
        pairs[n++] = item;
      }
    }
    return Arrays.copyOf(pairs, n);
  }

  /** The union of two ascending, distinct arrays, ascending and distinct. */
  private static int[] mergeSorted(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      int next;
      if (j == b.length || (i < a.length && a[i] < b[j])) {
        next = a[i++];
      } else if (i == a.length || b[j] < a[i]) {
        next = b[j++];
      } else {
        next = a[i++];
        j++;
      }
      out[n++] = next;
    }
    return Arrays.copyOf(out, n);
  }

  private record RankedBatch(int[][] items, float[][] scores, int usersWithNaN) {}

  /** Closes what {@link TrainableModel#feedScoring} returned, rethrowing failures unchecked. */
  private record ScoringFeeds(AutoCloseable resources) implements AutoCloseable {
    @Override
    public void close() {
      try {
        resources.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("closing the model's scoring feeds failed", e);
      }
    }
  }
}
