package org.ddrm.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.ddrm.api.BatchSource;
import org.ddrm.api.TrainingHook;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * The one training loop every model shares: for each epoch, the batch source feeds each step,
 * {@code session.run} applies the optimiser and fetches the loss (and any outputs the batch source
 * asks to see after its step), and listeners do the rest.
 */
public final class TrainingLoop {
  private final Session session;
  private final String stage;
  private final Operand<TFloat32> loss;
  private final Op step;
  private final BatchSource batches;
  private final List<TrainingHook> hooks;
  private final List<TrainingListener> listeners;
  private final OpProfile profile;
  private final int stepsPerEpoch;

  public TrainingLoop(
      Session session, String stage, Operand<TFloat32> loss, Op step, BatchSource batches,
      List<TrainingHook> hooks, List<TrainingListener> listeners) {
    this(session, stage, loss, step, batches, hooks, listeners, null, 0);
  }

  private TrainingLoop(
      Session session, String stage, Operand<TFloat32> loss, Op step, BatchSource batches,
      List<TrainingHook> hooks, List<TrainingListener> listeners, OpProfile profile,
      int stepsPerEpoch) {
    this.session = session;
    this.stage = stage;
    this.loss = loss;
    this.step = step;
    this.batches = batches;
    this.hooks = List.copyOf(hooks);
    this.listeners = List.copyOf(listeners);
    this.profile = profile;
    this.stepsPerEpoch = stepsPerEpoch;
  }

  /** This loop, tracing some steps of every epoch into {@code profile}. */
  public TrainingLoop profiledBy(OpProfile profile) {
    return new TrainingLoop(session, stage, loss, step, batches, hooks, listeners, profile,
        stepsPerEpoch);
  }

  /**
   * This loop with every epoch cut after {@code steps} steps (a benchmark at scale): each epoch
   * reports the mean loss of the steps it ran and its seconds scaled to the whole epoch.
   */
  public TrainingLoop cutAfter(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps per epoch must be at least 1, got " + steps);
    }
    return new TrainingLoop(session, stage, loss, step, batches, hooks, listeners, profile, steps);
  }

  /**
   * Trains for at most {@code maxEpochs} epochs, or until a listener asks to stop.
   *
   * @param epochRandom the generator of each epoch's Java-side sampling (see {@link SeedPolicy#epochGenerators}),
   *     so that an epoch draws the same batches whether or not the run was resumed before it
   * @return the number of epochs run
   */
  public int run(int maxEpochs, IntFunction<RandomGenerator> epochRandom) {
    return resume(0, maxEpochs, epochRandom);
  }

  /**
   * Continues a run whose first {@code epochsDone} epochs are done (their variables restored,
   * the listeners brought to their state after that epoch): trains from epoch
   * {@code epochsDone + 1} up to {@code maxEpochs}, unless a listener already asks to stop.
   *
   * @return the number of the last epoch run ({@code epochsDone} when none was left)
   */
  public int resume(int epochsDone, int maxEpochs, IntFunction<RandomGenerator> epochRandom) {
    int epoch = epochsDone;
    try {
      while (epoch < maxEpochs && listeners.stream().noneMatch(TrainingListener::stopRequested)) {
        epoch++;
        runEpoch(epoch, epochRandom.apply(epoch));
      }
    } finally {
      listeners.forEach(l -> l.onTrainingEnd(stage));
    }
    return epoch;
  }

  private void runEpoch(int epoch, RandomGenerator random) {
    int whole = batches.batchesPerEpoch();
    int count = stepsPerEpoch > 0 ? Math.min(whole, stepsPerEpoch) : whole;
    for (TrainingListener listener : listeners) {
      listener.onEpochStart(stage, epoch, count);
    }
    for (TrainingHook hook : hooks) {
      hook.beforeEpoch(epoch, session, random);
    }
    long start = System.nanoTime();
    batches.startEpoch(random);
    double sum = 0;
    for (int batch = 1; batch <= count; batch++) {
      double value = runStep(profile != null && profile.traces(batch));
      sum += value;
      for (TrainingListener listener : listeners) {
        listener.onBatch(stage, epoch, batch, value);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9 * whole / count;
    EpochReport report =
        new EpochReport(stage, epoch, sum / count, seconds, batches.examplesPerEpoch(), java.util.Map.of());
    for (TrainingListener listener : listeners) {
      report = listener.onEpochEnd(report);
    }
  }

  private double runStep(boolean traced) {
    Session.Runner runner = session.runner();
    AutoCloseable[] fed = new AutoCloseable[hooks.size() + 1];
    try {
      fed[0] = batches.feedNext(runner);
      for (int k = 0; k < hooks.size(); k++) {
        fed[k + 1] = hooks.get(k).feed(runner);
      }
      List<Operand<?>> outputs = batches.stepOutputs();
      runner.addTarget(step).fetch(loss);
      outputs.forEach(runner::fetch);
      long start = System.nanoTime();
      if (traced) {
        runner.setOptions(OpProfile.FULL_TRACE);
      }
      try (Result result = traced ? runner.runAndFetchMetadata() : runner.run()) {
        if (traced) {
          profile.add(result.getMetadata().orElseThrow(), (System.nanoTime() - start) / 1000);
        }
        if (!outputs.isEmpty()) {
          List<Tensor> values = new ArrayList<>(outputs.size());
          for (int k = 0; k < outputs.size(); k++) {
            values.add(result.get(k + 1));
          }
          batches.afterStep(values);
        }
        return ((TFloat32) result.get(0)).getFloat();
      }
    } finally {
      for (AutoCloseable closeable : fed) {
        closeQuietly(closeable);
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not release a batch's tensors", e);
    }
  }
}
