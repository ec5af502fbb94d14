package org.ddrm.core.ddrm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.ddrm.api.Denoiser;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.api.nn.StepEmbedding;
import org.ddrm.api.nn.SeededOps;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DDRM (Zhao et al., SIGIR 2024) on a backend's embeddings: a user and an item denoising module
 * trained on noised embeddings, and inference that turns a user's noised mean train-item
 * embedding into an "ideal item" by T' reverse steps.
 *
 * <p><b>Training</b> (one branch of the graph, with dropout): for each triple (u, i, j) one step
 * k is drawn uniformly from [0, T) by a seeded op and shared by u and i; {@code x_k} of the user
 * and of the positive item are drawn with the forward process; the user module predicts
 * {@code u_hat} conditioned on i's original embedding, the item module {@code i_hat} conditioned
 * on u's. The loss is the batch mean of
 * {@code w [(1 - lambda) BPR + lambda (MSE_u + MSE_i) / 2]} (with {@code weight_scope=bpr}, our
 * option: {@code w (1 - lambda) BPR + lambda (MSE_u + MSE_i) / 2}) with
 * {@code BPR = softplus(<u_hat, e_j> - <u_hat, i_hat>)} (j not denoised), MSE the mean over
 * dimensions, and {@code w = stopGradient(sigmoid(<u_hat, i_hat>))^gamma}.
 *
 * <p><b>Inference</b> (separate branches without dropout, same variables): the user's mean
 * train-item embedding is noised to step T'-1 with a fixed per-user noise row (drawn once in
 * Java from a run seed, so a user's scores do not depend on the evaluation batch), then T'
 * posterior-mean steps with the item module conditioned on the user's original embedding give
 * the ideal item, which scores every item by inner product with the original item table.
 *
 * <p><b>Backend training</b> (our extension): {@code joint} trains the backend with the DDRM
 * loss (the pipeline adds the backend's regularisation and auxiliary loss) from the start, in one stage;
 * {@code finetune_backend} keeps the plain-BPR stage and then trains the backend's variables
 * together with the denoisers in the second stage (they are then part of {@link #variables()}).
 *
 * <p><b>Ablations</b>: {@code item_only} builds no user module (BPR and the audit use the
 * original user embedding, the reconstruction term is the item MSE alone); {@code loss} drops the
 * reweighting ({@code reconstruction}) or the reconstruction term ({@code reweight}: the loss is
 * {@code w BPR}); {@code inference_start=noise} starts the reverse steps from the per-user noise
 * row itself; {@code dynamic_noise} and {@code denoiser=transformer}: see {@link DiffusionProcess}
 * and {@link AttentionDenoiser}.
 */
final class DdrmDenoiser implements Denoiser {
  private final Ops tf;
  private final DdrmSettings settings;
  private final EmbeddingBackend backend;
  private final DdrmEmbeddings embeddings;
  private final DiffusionProcess inference;
  private final Optional<DenoiserNetwork> userNetwork;
  private final DenoiserNetwork itemNetwork;
  private final long inferenceNoiseSeed;
  private final int numUsers;
  private final Operand<TFloat32> sampleWeights;
  private final Operand<TFloat32> loss;
  private Operand<TFloat32> inferenceNoise;

  DdrmDenoiser(ModelGraph graph, DdrmSettings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    this.tf = graph.tf().withSubScope("ddrm");
    this.settings = settings;
    this.backend = backend;
    this.numUsers = graph.dataset().numUsers();
    this.embeddings = DdrmEmbeddings.build(graph, tf, backend, settings);
    int dim = backend.dimension();
    this.inference =
        new DiffusionProcess(tf, settings.inferenceSchedule(), settings.dynamicNoise());
    StepEmbedding stepEmbedding = new StepEmbedding(tf,
        Math.max(settings.steps(), settings.inferenceSteps()), settings.stepEmbeddingDim());
    this.userNetwork = settings.itemOnly()
        ? Optional.empty()
        : Optional.of(DenoiserNetwork.create(settings, tf, "user_denoiser", dim, stepEmbedding,
            graph));
    this.itemNetwork =
        DenoiserNetwork.create(settings, tf, "item_denoiser", dim, stepEmbedding, graph);
    this.inferenceNoiseSeed = graph.nextSeed();
    TrainingLoss training = trainingLoss(graph, tf.withSubScope("loss"), batch, dim,
        new DiffusionProcess(tf, settings.trainingSchedule(), settings.dynamicNoise()));
    this.sampleWeights = training.weights();
    this.loss = training.total();
  }

  /** The loss of the training batch and the weight of each of its samples. */
  private record TrainingLoss(Operand<TFloat32> weights, Operand<TFloat32> total) {}

  private TrainingLoss trainingLoss(ModelGraph graph, Ops t, TripleBatch batch, int dim,
      DiffusionProcess forward) {
    Operand<TFloat32> user = RankingOps.rows(t, embeddings.users(), batch.users());
    Operand<TFloat32> positive = RankingOps.rows(t, embeddings.items(), batch.positives());
    Operand<TFloat32> negative = RankingOps.rows(t, embeddings.items(), batch.negatives());
    Operand<TInt32> steps = SeededOps.uniformInt(t, t.shape(batch.users()), settings.steps(),
        graph.nextOpSeed());
    // Random shapes come from the fed batch, never from embeddings: a random op reachable from a
    // trained variable would sit on the gradient path (backend training), and it has no gradient.
    Operand<TInt32> noiseShape = rowsTimes(t, batch.users(), dim);
    Operand<TFloat32> noisyItem = forward.noised(t, positive, steps,
        SeededOps.standardNormal(t, noiseShape, graph.nextOpSeed()));
    Operand<TFloat32> itemHat = itemNetwork.predictStart(noisyItem, steps, user, true);
    Operand<TFloat32> reconstruction = meanSquaredError(t, itemHat, positive);
    Operand<TFloat32> userHat = user;
    if (userNetwork.isPresent()) {
      Operand<TFloat32> noisyUser = forward.noised(t, user, steps,
          SeededOps.standardNormal(t, noiseShape, graph.nextOpSeed()));
      userHat = userNetwork.get().predictStart(noisyUser, steps, positive, true);
      reconstruction = t.math.mul(t.constant(0.5f),
          t.math.add(meanSquaredError(t, userHat, user), reconstruction));
    }
    Operand<TFloat32> positiveScore = RankingOps.dot(t, userHat, itemHat);
    Operand<TFloat32> bpr =
        RankingOps.bprPerExample(t, positiveScore, RankingOps.dot(t, userHat, negative));
    Operand<TFloat32> weights = settings.reweights()
        ? t.math.pow(t.stopGradient(t.math.sigmoid(positiveScore)),
            t.constant((float) settings.gamma()))
        : t.fill(t.shape(batch.users()), t.constant(1f));
    Operand<TFloat32> ranking = t.math.mul(t.constant((float) (1 - settings.lambda())), bpr);
    Operand<TFloat32> anchor = t.math.mul(t.constant((float) settings.lambda()), reconstruction);
    Operand<TFloat32> perSample;
    if (!settings.reconstructs()) {
      perSample = t.math.mul(weights, bpr);
    } else if (settings.weightScope() == DdrmSettings.WeightScope.ALL) {
      perSample = t.math.mul(weights, t.math.add(ranking, anchor));
    } else {
      perSample = t.math.add(t.math.mul(weights, ranking), anchor);
    }
    return new TrainingLoss(weights, t.math.mean(perSample, t.constant(0)));
  }

  /** The shape [B, dim] for a batch whose size is that of {@code rows} ([B]). */
  static Operand<TInt32> rowsTimes(Ops tf, Operand<TInt32> rows, int dim) {
    return tf.concat(List.of(tf.shape(rows), tf.constant(new int[] {dim})), tf.constant(0));
  }

  private static Operand<TFloat32> meanSquaredError(Ops tf, Operand<TFloat32> predicted,
      Operand<TFloat32> target) {
    return tf.math.mean(tf.math.squaredDifference(predicted, target), tf.constant(1));
  }

  @Override
  public Operand<TFloat32> loss() {
    return loss;
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    List<Variable<TFloat32>> variables = new ArrayList<>();
    userNetwork.ifPresent(network -> variables.addAll(network.variables()));
    variables.addAll(itemNetwork.variables());
    if (settings.finetuneBackend()) {
      variables.addAll(backend.variables());
    }
    return variables;
  }

  @Override
  public boolean freezesBackend() {
    return !settings.joint();
  }

  /**
   * Scores of the ideal item generated for each user (see the class comment). The graph unrolls
   * the T' reverse steps; every call adds a new branch.
   */
  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    return RankingOps.innerProductScores(tf.withSubScope("inference"), idealItems(users),
        embeddings.items());
  }

  /** The generated ideal items of the given users and the item table they are scored against. */
  @Override
  public Optional<UserItemTables> scoringTables(Operand<TInt32> users) {
    return Optional.of(new UserItemTables(idealItems(users), embeddings.items()));
  }

  /**
   * The ideal items of every user, computed in one branch (the history means by one sparse
   * product), and the item table: what an evaluation computes once and scores by blocks.
   */
  @Override
  public Optional<UserItemTables> scoringFactors() {
    return Optional.of(new UserItemTables(
        idealItems(tf.withSubScope("inference").range(tf.constant(0), tf.constant(numUsers),
            tf.constant(1))),
        embeddings.items()));
  }

  /** The T' reverse steps from the users' noised history (or noise): [users, dim]. */
  private Operand<TFloat32> idealItems(Operand<TInt32> users) {
    Ops s = tf.withSubScope("inference");
    Operand<TFloat32> condition = RankingOps.rows(s, embeddings.users(), users);
    Operand<TFloat32> noise = RankingOps.rows(s, inferenceNoise(), users);
    int last = settings.inferenceSteps() - 1;
    Operand<TFloat32> x = switch (settings.inferenceStart()) {
      case HISTORY -> inference.noisedAt(s, embeddings.historyMean(s, users), last, noise);
      case NOISE -> noise;
    };
    for (int step = last; step >= 0; step--) {
      Operand<TInt32> steps = s.fill(s.shape(users), s.constant(step));
      Operand<TFloat32> start = itemNetwork.predictStart(x, steps, condition, false);
      x = inference.posteriorMean(s, step, start, x);
    }
    return x;
  }

  /**
   * The inference's starting point itself: the user's mean train-item embedding, not noised and
   * not denoised, scored by inner product with the original item table. Empty when inference
   * starts from noise.
   */
  @Override
  public Optional<Function<Operand<TInt32>, Operand<TFloat32>>> startingScores() {
    if (settings.inferenceStart() != DdrmSettings.InferenceStart.HISTORY) {
      return Optional.empty();
    }
    Ops s = tf.withSubScope("starting_point");
    return Optional.of(users -> embeddings.historyMeanScores(s, users));
  }

  /** The starting point's tables: every user's mean train-item embedding and the item table. */
  @Override
  public Optional<UserItemTables> startingFactors() {
    if (settings.inferenceStart() != DdrmSettings.InferenceStart.HISTORY) {
      return Optional.empty();
    }
    Ops s = tf.withSubScope("starting_factors");
    return Optional.of(new UserItemTables(embeddings.historyMeans(s), embeddings.items()));
  }

  /**
   * The trust score of each (user, item) pair: {@code sigmoid(<u_hat, i_hat>)} of the user and
   * item embeddings denoised in one step from the middle step T/2 with zero noise
   * ({@code x_k = sqrt(abar_k) x_0}), each module conditioned on the other side's original
   * embedding, without dropout. With {@code item_only}, {@code u_hat} is the original user
   * embedding.
   */
  @Override
  public Optional<Operand<TFloat32>> interactionScores(Operand<TInt32> users,
      Operand<TInt32> items) {
    Ops s = tf.withSubScope("audit");
    int step = settings.auditStep();
    float signal = (float) settings.trainingSchedule().signalScale(step);
    Operand<TInt32> steps = s.fill(s.shape(users), s.constant(step));
    Operand<TFloat32> user = RankingOps.rows(s, embeddings.users(), users);
    Operand<TFloat32> item = RankingOps.rows(s, embeddings.items(), items);
    Operand<TFloat32> itemHat =
        itemNetwork.predictStart(s.math.mul(s.constant(signal), item), steps, user, false);
    Operand<TFloat32> userHat = userNetwork
        .map(n -> n.predictStart(s.math.mul(s.constant(signal), user), steps, item, false))
        .orElse(user);
    return Optional.of(s.math.sigmoid(RankingOps.dot(s, userHat, itemHat)));
  }

  /** The weight {@code w} of each training sample (ones when reweighting is off), for tests. */
  Operand<TFloat32> sampleWeights() {
    return sampleWeights;
  }

  /** The user module, absent with {@code item_only}. */
  Optional<DenoiserNetwork> userNetwork() {
    return userNetwork;
  }

  /** The item module. */
  DenoiserNetwork itemNetwork() {
    return itemNetwork;
  }

  /** The embeddings the denoiser works on. */
  DdrmEmbeddings embeddings() {
    return embeddings;
  }

  /**
   * The fixed inference noise: one standard normal row per user, drawn in Java from a seed of the
   * run's sequence and held as a graph constant (built once, shared by every scoring branch).
   */
  private synchronized Operand<TFloat32> inferenceNoise() {
    if (inferenceNoise == null) {
      int dim = backend.dimension();
      SplittableRandom random = new SplittableRandom(inferenceNoiseSeed);
      float[] values = new float[numUsers * dim];
      for (int k = 0; k < values.length; k++) {
        values[k] = (float) random.nextGaussian();
      }
      inferenceNoise = tf.withName("inference_noise")
          .constant(Shape.of(numUsers, dim), DataBuffers.of(values, true, false));
    }
    return inferenceNoise;
  }
}
