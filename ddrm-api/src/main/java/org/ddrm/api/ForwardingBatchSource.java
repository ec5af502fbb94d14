package org.ddrm.api;

import java.util.List;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * A batch source that hands every call to another one; subclasses override what they add (a fed
 * annealing weight, logged loss parts, a step sampler's state).
 */
public abstract class ForwardingBatchSource implements BatchSource {
  private final BatchSource delegate;

  protected ForwardingBatchSource(BatchSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public int batchesPerEpoch() {
    return delegate.batchesPerEpoch();
  }

  @Override
  public long examplesPerEpoch() {
    return delegate.examplesPerEpoch();
  }

  @Override
  public void startEpoch(RandomGenerator random) {
    delegate.startEpoch(random);
  }

  @Override
  public AutoCloseable feedNext(Session.Runner runner) {
    return delegate.feedNext(runner);
  }

  @Override
  public List<Operand<?>> stepOutputs() {
    return delegate.stepOutputs();
  }

  @Override
  public void afterStep(List<Tensor> outputs) {
    delegate.afterStep(outputs);
  }

  @Override
  public double[] carriedState() {
    return delegate.carriedState();
  }

  @Override
  public void resumeAfter(int epochsDone, double[] state) {
    delegate.resumeAfter(epochsDone, state);
  }
}
