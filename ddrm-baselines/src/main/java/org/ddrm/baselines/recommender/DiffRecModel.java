package org.ddrm.baselines.recommender;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ddrm.api.BatchSource;
import org.ddrm.api.ForwardingBatchSource;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.UserBatchSampler;
import org.ddrm.api.UserItemMatrix;
import org.ddrm.api.UserRows;
import org.ddrm.api.nn.NoiseSchedule;
import org.ddrm.api.nn.SeededOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DiffRec's graph, as in the authors' code (x_0 prediction).
 *
 * <p><b>Training</b>: for each user's train row x_0 a step t is drawn in Java by the
 * {@link ImportanceStepSampler}; {@code x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps}; the network
 * predicts x_0 from {@code dropout(x_t)} and t; an example's loss is
 * {@code w_t * mean_i (x0_hat - x_0)^2} ({@code w_t} from {@link GaussianDiffusion#lossWeight},
 * or 1 without reweighting), fetched after the step to update the sampler's history, and the
 * batch loss is the mean of the example losses divided by {@code T p_t}.
 *
 * <p><b>Scoring</b>: from the observed train row, without added noise, T reverse steps
 * {@code x_{t-1} = coef1_t f(x_t, t) + coef2_t x_t} for t = T-1 .. 0, without dropout; the
 * scores are the last x.
 */
final class DiffRecModel implements TrainableModel {
  private static final Logger log = LoggerFactory.getLogger(DiffRecModel.class);

  private final Ops tf;
  private final UserItemMatrix train;
  private final UserRows scoringInputs;
  private final GaussianDiffusion diffusion;
  private final DiffRecNetwork network;
  private final Operand<TFloat32> loss;
  private final BatchSource batches;

  DiffRecModel(ModelGraph graph, NoiseSchedule schedule, List<Integer> dims, Activation activation,
      int stepDim, double dropout, boolean reweight, ImportanceStepSampler stepSampler,
      int batchSize) {
    this.tf = graph.tf().withSubScope("diffrec");
    this.train = graph.dataset().trainMatrix();
    int items = train.numItems();
    this.diffusion = new GaussianDiffusion(tf, schedule);
    this.network = new DiffRecNetwork(tf, items, dims, schedule.steps(), stepDim, activation,
        graph::nextSeed);
    log.info("diffrec: {} steps, denoiser widths {}", schedule.steps(), network.widths());

    UserRows inputs = UserRows.placeholders(tf, "train", items);
    this.scoringInputs = UserRows.placeholders(tf, "scoring", items);
    Placeholder<TInt32> steps =
        tf.withName("steps").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TFloat32> stepWeights =
        tf.withName("step_weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TInt32> shape = RowOps.rowsTimes(tf, inputs.rows(), items);
    Operand<TFloat32> eps = SeededOps.standardNormal(tf, shape, graph.nextOpSeed());
    Operand<TFloat32> noisy = diffusion.noised(tf, inputs.rows(), steps, eps);
    Operand<TFloat32> predicted = network.predictStart(
        SeededOps.dropout(tf, noisy, shape, dropout, graph.nextOpSeed()), steps);
    Operand<TFloat32> mse =
        RowOps.rowMeans(tf, tf.math.squaredDifference(predicted, inputs.rows()));
    Operand<TFloat32> exampleLosses =
        reweight ? tf.math.mul(diffusion.lossWeights(tf, steps), mse) : mse;
    this.loss = RowOps.mean(tf, tf.math.div(exampleLosses, stepWeights));
    this.batches = new DiffRecBatches(new UserBatchSampler(train, inputs, batchSize), inputs,
        train, steps, stepWeights, tf.stopGradient(exampleLosses), stepSampler);
  }

  @Override
  public Operand<TFloat32> loss() {
    return loss;
  }

  @Override
  public List<Variable<TFloat32>> trainableVariables() {
    return network.variables();
  }

  @Override
  public BatchSource batches() {
    return batches;
  }

  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    Operand<TFloat32> x = scoringInputs.rows();
    for (int t = diffusion.schedule().steps() - 1; t >= 0; t--) {
      Operand<TInt32> step = tf.fill(tf.shape(users), tf.constant(t));
      x = diffusion.posteriorMean(tf, t, network.predictStart(x, step), x);
    }
    return x;
  }

  @Override
  public AutoCloseable feedScoring(int[] users, Session.Runner runner) {
    return scoringInputs.feed(runner, train, users);
  }

  /** User batches with the sampled step of every row; reads back the example losses. */
  private static final class DiffRecBatches extends ForwardingBatchSource {
    private final UserBatchSampler users;
    private final UserRows inputs;
    private final UserItemMatrix train;
    private final Placeholder<TInt32> steps;
    private final Placeholder<TFloat32> stepWeights;
    private final Operand<TFloat32> exampleLosses;
    private final ImportanceStepSampler sampler;
    private RandomGenerator random;
    private int[] lastSteps = new int[0];

    DiffRecBatches(UserBatchSampler users, UserRows inputs, UserItemMatrix train,
        Placeholder<TInt32> steps, Placeholder<TFloat32> stepWeights,
        Operand<TFloat32> exampleLosses, ImportanceStepSampler sampler) {
      super(users);
      this.users = users;
      this.inputs = inputs;
      this.train = train;
      this.steps = steps;
      this.stepWeights = stepWeights;
      this.exampleLosses = exampleLosses;
      this.sampler = sampler;
    }

    @Override
    public void startEpoch(RandomGenerator random) {
      this.random = random;
      super.startEpoch(random);
    }

    @Override
    public AutoCloseable feedNext(Session.Runner runner) {
      int[] batch = users.nextUsers();
      ImportanceStepSampler.Draw draw = sampler.draw(random, batch.length);
      lastSteps = draw.steps();
      AutoCloseable rows = inputs.feed(runner, train, batch);
      TInt32 stepTensor = TInt32.vectorOf(draw.steps());
      TFloat32 weightTensor = TFloat32.vectorOf(draw.weights());
      runner.feed(steps, stepTensor).feed(stepWeights, weightTensor);
      return () -> {
        stepTensor.close();
        weightTensor.close();
        rows.close();
      };
    }

    @Override
    public List<Operand<?>> stepOutputs() {
      return List.of(exampleLosses);
    }

    @Override
    public void afterStep(List<Tensor> outputs) {
      float[] values = new float[lastSteps.length];
      ((TFloat32) outputs.get(0)).copyTo(DataBuffers.of(values, false, false));
      sampler.record(lastSteps, values);
    }

    @Override
    public double[] carriedState() {
      return sampler.state();
    }

    @Override
    public void resumeAfter(int epochsDone, double[] state) {
      sampler.restore(state);
    }
  }
}
