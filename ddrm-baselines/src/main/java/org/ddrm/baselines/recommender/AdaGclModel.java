package org.ddrm.baselines.recommender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ddrm.api.BatchSource;
import org.ddrm.api.ForwardingBatchSource;
import org.ddrm.api.LossPart;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.GraphPropagation;
import org.ddrm.api.graph.TableSnapshot;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.api.nn.InfoNce;
import org.ddrm.backend.lightgcn.LightGcnEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * AdaGCL (Jiang et al. 2023) as in the authors' code (HKUDS/AdaGCL, {@code Main.py} and
 * {@code Model.py}). The main model is a LightGCN encoder ({@link LightGcnEncoder}, sum pooling
 * over layers 0..L); two adaptive views of the train graph feed its contrastive terms: the
 * {@link GenerativeView} (a VGAE's kept edges) and the {@link DenoisingView} (learned per-layer
 * edge gates). Per batch of triples the loss is
 *
 * <pre>
 *   BPR(main) + reg ||main tables||^2
 *   + ssl_weight InfoNCE(v1, v2) + ib_weight (InfoNCE(v1, sg(v1)) + InfoNCE(v2, sg(v2)))
 *   + generator loss (VGAE) + denoiser loss
 * </pre>
 *
 * where v1, v2 are the main model's pooled tables over the two views, InfoNCE runs over the
 * batch's users and positive items together (rows L2-normalised, positive left out of the
 * denominator, the authors' {@code loss_graphcl}) and sg stops the gradient. The views are
 * constants to the main model and the generators train only on their own losses, so the three
 * parts' gradients do not mix.
 *
 * <p>The main model's three terms share one Adam, the generator and the denoiser have one each
 * ({@link #optimisedParts()}), as the authors' optimisers are. An Adam step does not depend on
 * the scale of its loss: with one Adam per term, the 0.1 weights on InfoNCE and the bottleneck
 * did nothing and those terms, which push each user away from its own positive item
 * (users and items share InfoNCE's similarity matrix), outran BPR about 4:1 per step on ML-1M;
 * BPR stalled at 0.35 from epoch 10 and validation fell. Simplified from the authors' code: they
 * take the main model's three steps one after the other (InfoNCE, then the bottleneck terms
 * recomputed after that step against the detached pre-step views, then BPR with the generators'
 * steps); we take one step on the weighted sum, so the bottleneck terms compare each view with
 * its own detached value. The denoiser trains, as in their code, on a frozen copy of the main
 * model's initial tables ({@code denoiser_input = initial}) with Adam epsilon 1e-3. Both views are
 * regenerated at every step, as in the authors' code. The graph has no self-loops (the shared
 * LightGCN adjacency; theirs adds the identity before normalising), and initial tables are
 * normal with {@code init_std} rather than
 * Xavier-uniform. Scores are inner products of the main model's pooled tables over the train
 * graph.
 */
final class AdaGclModel implements TrainableModel {
  private static final Logger log = LoggerFactory.getLogger(AdaGclModel.class);
  private static final List<String> PARTS =
      List.of("bpr", "contrastive", "bottleneck", "generative", "denoising");

  private final Ops tf;
  private final LightGcnEncoder main;
  private final UserItemTables tables;
  private final GenerativeView generative;
  private final DenoisingView denoising;
  private final Operand<TFloat32> loss;
  private final List<LossPart> parts;
  private final LoggedBatches batches;

  AdaGclModel(ModelGraph graph, AdaGclSettings settings, int batchSize) {
    this.tf = graph.tf().withSubScope(AdaGclSettings.NAME);
    TripleBatch batch = EdgeTripleSampler.placeholders(tf.withSubScope("batch"));
    this.main = LightGcnEncoder.build(graph, tf.withSubScope("main"), settings.encoder());
    this.generative = new GenerativeView(graph, tf.withSubScope("generative"), settings,
        main.adjacency());
    this.denoising = new DenoisingView(graph, tf.withSubScope("denoising"), settings,
        main.adjacency());
    this.tables = main.encode();

    Operand<TFloat32> users = RankingOps.rows(tf, tables.users(), batch.users());
    Operand<TFloat32> bpr = RowOps.mean(tf, RankingOps.bprPerExample(tf,
        RankingOps.dot(tf, users, RankingOps.rows(tf, tables.items(), batch.positives())),
        RankingOps.dot(tf, users, RankingOps.rows(tf, tables.items(), batch.negatives()))));
    Operand<TFloat32> reg = tf.math.mul(tf.constant((float) settings.reg()),
        RowOps.squaredNorms(tf, main.variables()));

    Operand<TFloat32> first = unitRows(main.encode(generative.view()), batch);
    Operand<TFloat32> second = unitRows(main.encode(denoising::view), batch);
    double t = settings.temperature();
    // A term of weight 0 is left out of the graph (its [2B, 2B] similarities cost the most).
    Operand<TFloat32> contrastive = settings.sslWeight() == 0 ? tf.constant(0f)
        : InfoNce.lossWithoutPositive(tf, first, second, t);
    Operand<TFloat32> bottleneck = settings.ibWeight() == 0 ? tf.constant(0f) : tf.math.add(
        InfoNce.lossWithoutPositive(tf, first, tf.stopGradient(first), t),
        InfoNce.lossWithoutPositive(tf, second, tf.stopGradient(second), t));

    Operand<TFloat32> generatorLoss = generative.loss(batch, settings);
    Operand<TFloat32> denoiserLoss = denoising.loss(batch, denoiserInput(graph, settings));
    Operand<TFloat32> mainLoss = tf.math.add(tf.math.add(bpr, reg), tf.math.add(
        tf.math.mul(tf.constant((float) settings.sslWeight()), contrastive),
        tf.math.mul(tf.constant((float) settings.ibWeight()), bottleneck)));
    this.loss = tf.math.add(mainLoss, tf.math.add(generatorLoss, denoiserLoss));
    List<LossPart> parts = new ArrayList<>();
    parts.add(new LossPart(mainLoss, main.variables()));
    parts.add(new LossPart(generatorLoss, generative.variables()));
    parts.add(new LossPart(denoiserLoss, denoising.variables(), settings.denoiserEpsilon()));
    this.parts = List.copyOf(parts);
    this.batches = new LoggedBatches(
        new EdgeTripleSampler(graph.dataset().trainMatrix(), batch, batchSize),
        List.of(bpr, contrastive, bottleneck, generatorLoss, denoiserLoss));
  }

  /**
   * The tables the denoiser's training forward starts from, detached: a snapshot of the main
   * model's initial layer-0 tables, taken before the first step, or its current ones.
   */
  private UserItemTables denoiserInput(ModelGraph graph, AdaGclSettings settings) {
    UserItemTables current = main.layer0();
    if (settings.denoiserInput() == AdaGclSettings.DenoiserInput.CURRENT) {
      return new UserItemTables(tf.stopGradient(current.users()),
          tf.stopGradient(current.items()));
    }
    TableSnapshot initial = TableSnapshot.of(tf.withSubScope("initial_tables"), current,
        graph.dataset().numUsers(), graph.dataset().numItems(), settings.dim());
    graph.addTrainingHook(initial);
    return initial.tables();
  }

  /** The batch's user rows then positive-item rows, L2-normalised, [2B, dim]. */
  private Operand<TFloat32> unitRows(UserItemTables view, TripleBatch batch) {
    return GraphPropagation.l2NormalizeRows(tf, tf.concat(List.of(
        RankingOps.rows(tf, view.users(), batch.users()),
        RankingOps.rows(tf, view.items(), batch.positives())), tf.constant(0)));
  }

  /** The generated view's per-edge weights, user-major, [edges]. */
  Operand<TFloat32> generatedWeights() {
    return generative.weights();
  }

  /** The denoised view's gates per layer as the main model uses them, [2 edges] each. */
  List<Operand<TFloat32>> denoisedGates() {
    return denoising.viewGates();
  }

  /** The denoiser's noisy training gates per layer, [2 edges] each. */
  List<Operand<TFloat32>> trainingGates() {
    return denoising.trainingGates();
  }

  /**
   * The means over the last finished epoch of the loss's parts: BPR, InfoNCE between the views,
   * bottleneck terms, generator loss, denoiser loss (unweighted; zeros before the first epoch).
   */
  double[] lastEpochMeans() {
    return batches.lastMeans.clone();
  }

  @Override
  public Operand<TFloat32> loss() {
    return loss;
  }

  /**
   * As the authors' optimisers: one for the main model's whole loss (BPR with L2, weighted
   * InfoNCE and bottleneck terms), one for the generator, one for the denoiser (its epsilon
   * {@code denoiser_epsilon}).
   */
  @Override
  public List<LossPart> optimisedParts() {
    return parts;
  }

  @Override
  public List<Variable<TFloat32>> trainableVariables() {
    List<Variable<TFloat32>> variables = new ArrayList<>(main.variables());
    variables.addAll(generative.variables());
    variables.addAll(denoising.variables());
    return variables;
  }

  @Override
  public BatchSource batches() {
    return batches;
  }

  /** Inner products of the main model's pooled tables over the train graph. */
  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    return RankingOps.innerProductScores(tf, RankingOps.rows(tf, tables.users(), users),
        tables.items());
  }

  /** The main model's pooled tables: the propagation runs once per evaluation. */
  @Override
  public Optional<UserItemTables> scoringFactors() {
    return Optional.of(tables);
  }

  /** Edge triples, fetching the loss's parts with every step and logging their epoch means. */
  private static final class LoggedBatches extends ForwardingBatchSource {
    private final List<Operand<?>> parts;
    private final double[] sums = new double[PARTS.size()];
    private final double[] lastMeans = new double[PARTS.size()];
    private int steps;

    LoggedBatches(EdgeTripleSampler triples, List<Operand<?>> parts) {
      super(triples);
      this.parts = parts;
    }

    @Override
    public void startEpoch(RandomGenerator random) {
      super.startEpoch(random);
      Arrays.fill(sums, 0);
      steps = 0;
    }

    @Override
    public List<Operand<?>> stepOutputs() {
      return parts;
    }

    @Override
    public void afterStep(List<Tensor> outputs) {
      for (int k = 0; k < sums.length; k++) {
        sums[k] += ((TFloat32) outputs.get(k)).getFloat();
      }
      if (++steps == batchesPerEpoch()) {
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < sums.length; k++) {
          lastMeans[k] = sums[k] / steps;
          line.append(k == 0 ? "" : ", ").append(PARTS.get(k)).append(' ')
              .append(String.format(Locale.ROOT, "%.5f", lastMeans[k]));
        }
        log.info("adagcl epoch means: {}", line);
      }
    }
  }
}
