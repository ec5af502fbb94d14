package org.ddrm.eval.claim;

/** A claim could not be read or written (the claims directory is not writable, say). */
public final class ClaimException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ClaimException(String message, Throwable cause) {
    super(message, cause);
  }
}
