package org.ddrm.core.config;

/** A configuration problem: an unknown or malformed key, a missing file, a bad override. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
