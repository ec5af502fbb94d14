package org.ddrm.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.TrainingHook;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** The {@link ModelGraph} of one run: one graph, one op factory, one seed sequence. */
public final class TfGraphContext implements ModelGraph {
  private final Graph graph;
  private final Ops tf;
  private final Dataset dataset;
  private final SplittableRandom seeds;
  private final List<TrainingHook> hooks = new ArrayList<>();

  public TfGraphContext(Graph graph, Dataset dataset, long seed) {
    this.graph = graph;
    this.tf = Ops.create(graph);
    this.dataset = dataset;
    this.seeds = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  @Override
  public Graph graph() {
    return graph;
  }

  @Override
  public Ops tf() {
    return tf;
  }

  @Override
  public Dataset dataset() {
    return dataset;
  }

  @Override
  public synchronized long nextSeed() {
    return seeds.nextLong() & Long.MAX_VALUE;
  }

  @Override
  public void addTrainingHook(TrainingHook hook) {
    hooks.add(hook);
  }

  public List<TrainingHook> hooks() {
    return List.copyOf(hooks);
  }
}
