package org.ddrm.core.train;

/** The loss became NaN or infinite: the run stops, naming where. */
public class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}
