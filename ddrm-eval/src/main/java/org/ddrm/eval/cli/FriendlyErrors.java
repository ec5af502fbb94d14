package org.ddrm.eval.cli;

import java.io.UncheckedIOException;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.data.DataFormatException;
import org.ddrm.core.plugin.ProviderException;
import org.ddrm.core.train.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns the framework's expected failures (bad config, bad data, missing provider, divergence,
 * I/O) into one clear line on stderr; the stack trace goes to the debug log only.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(FriendlyErrors.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed)
      throws Exception {
    if (e instanceof ConfigException || e instanceof DataFormatException
        || e instanceof ProviderException || e instanceof TrainingDivergedException
        || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
      cmd.getErr().println("ddrm: error: " + e.getMessage());
      log.debug("details", e);
      return 1;
    }
    throw e;
  }
}
