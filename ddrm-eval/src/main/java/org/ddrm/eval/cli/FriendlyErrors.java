package org.ddrm.eval.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.data.DataFormatException;
import org.ddrm.core.plugin.ProviderException;
import org.ddrm.core.train.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The command line's one error path: every failure ends as one {@code ddrm: error: ...} line on
 * stderr, with exit code {@value #BAD_INPUT} for bad input (settings, data files, providers,
 * command-line arguments) and {@value #FAILED} for a run that failed (divergence, I/O such as a
 * full disk, an internal error). The cause is found wherever the framework wrapped it (Guice
 * provisioning, for one). {@code --debug} or {@code DDRM_DEBUG=1} also prints the stack trace.
 */
final class FriendlyErrors
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  /** Exit code for bad input: the user can fix it by changing what they gave. */
  static final int BAD_INPUT = 2;
  /** Exit code for a run that failed: training diverged, a write failed, an internal error. */
  static final int FAILED = 1;

  private static final Logger log = LoggerFactory.getLogger(FriendlyErrors.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (debug(parsed)) {
      e.printStackTrace(cmd.getErr());
    } else {
      log.debug("details", e);
    }
    Throwable cause = expectedCause(e).orElse(null);
    if (cause == null) {
      cmd.getErr().println("ddrm: error: internal error: " + oneLine(e.toString())
          + " (run again with --debug for the stack trace)");
      return FAILED;
    }
    cmd.getErr().println("ddrm: error: " + oneLine(cause.getMessage()));
    return isBadInput(cause) ? BAD_INPUT : FAILED;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println("ddrm: error: " + oneLine(e.getMessage()) + " (see '"
        + cmd.getCommandSpec().qualifiedName() + " --help')");
    return BAD_INPUT;
  }

  private static boolean isBadInput(Throwable t) {
    return t instanceof ConfigException || t instanceof DataFormatException
        || t instanceof ProviderException || t instanceof IllegalArgumentException;
  }

  private static boolean isExpected(Throwable t) {
    return isBadInput(t) || t instanceof TrainingDivergedException
        || t instanceof UncheckedIOException;
  }

  /** The first expected failure among {@code e}, its causes and what Guice wrapped. */
  static Optional<Throwable> expectedCause(Throwable e) {
    List<Throwable> pending = new ArrayList<>(List.of(e));
    for (int k = 0; k < pending.size() && k < 64; k++) {
      Throwable t = pending.get(k);
      if (isExpected(t)) {
        return Optional.of(t);
      }
      guiceMessages(t).forEach(m -> {
        if (m.getCause() != null) {
          pending.add(m.getCause());
        }
      });
      if (t.getCause() != null && t.getCause() != t) {
        pending.add(t.getCause());
      }
    }
    return Optional.empty();
  }

  private static Collection<Message> guiceMessages(Throwable t) {
    if (t instanceof ProvisionException p) {
      return p.getErrorMessages();
    }
    if (t instanceof CreationException c) {
      return c.getErrorMessages();
    }
    if (t instanceof ConfigurationException c) {
      return c.getErrorMessages();
    }
    return List.of();
  }

  private static boolean debug(CommandLine.ParseResult parsed) {
    if ("1".equals(System.getenv("DDRM_DEBUG"))) {
      return true;
    }
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(String message) {
    return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
