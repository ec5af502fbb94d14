package org.ddrm.core.plugin;

/** A provider is missing, ambiguous, or failed to build its part of the graph. */
public class ProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProviderException(String message) {
    super(message);
  }

  public ProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
