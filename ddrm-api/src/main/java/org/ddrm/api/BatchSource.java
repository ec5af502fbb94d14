package org.ddrm.api;

import java.util.random.RandomGenerator;
import org.tensorflow.Session;

/** Produces the feeds of every training step of an epoch. */
public interface BatchSource {
  /** Steps in one epoch. */
  int batchesPerEpoch();

  /** Examples (triples, users, ...) in one epoch, for throughput reports. */
  long examplesPerEpoch();

  /** Prepares a new epoch, drawing with the given generator. */
  void startEpoch(RandomGenerator random);

  /** Feeds the next batch and returns what must be closed after the step. */
  AutoCloseable feedNext(Session.Runner runner);
}
