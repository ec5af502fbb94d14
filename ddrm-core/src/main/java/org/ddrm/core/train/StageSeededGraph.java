package org.ddrm.core.train;

import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.TrainingHook;
import org.ddrm.api.nn.OpSeed;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * The run's graph as one stage's model sees it when that stage has a seed of its own: op seeds
 * come from the stage's seed (see {@link SeedPolicy}). Every draw still advances the run's sequence by one, so the ops
 * built before and after the stage's model (the backend's) get the seeds they get without a
 * stage seed, and a cached backend stays the backend the run would train.
 */
final class StageSeededGraph implements ModelGraph {
  private final ModelGraph run;
  private final SplittableRandom seeds;

  StageSeededGraph(ModelGraph run, SplittableRandom stageSeeds) {
    this.run = run;
    this.seeds = stageSeeds;
  }

  @Override
  public Graph graph() {
    return run.graph();
  }

  @Override
  public Ops tf() {
    return run.tf();
  }

  @Override
  public Dataset dataset() {
    return run.dataset();
  }

  @Override
  public synchronized long nextSeed() {
    run.nextSeed();
    return seeds.nextLong() & Long.MAX_VALUE;
  }

  @Override
  public synchronized OpSeed nextOpSeed() {
    OpSeed skipped = run.nextOpSeed();
    return new OpSeed(seeds.nextLong() & Long.MAX_VALUE, skipped.step());
  }

  @Override
  public void addTrainingHook(TrainingHook hook) {
    run.addTrainingHook(hook);
  }
}
