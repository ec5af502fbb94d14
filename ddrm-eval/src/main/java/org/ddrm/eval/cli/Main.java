package org.ddrm.eval.cli;

import picocli.CommandLine;

/** Entry point of the {@code ddrm} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns its exit code: 0 success, 1 a failed run, 2 bad input
   * (see {@link FriendlyErrors}), 3 a benchmark slower than its baseline.
   */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The {@code ddrm} command line with its error handling. */
  static CommandLine commandLine() {
    FriendlyErrors errors = new FriendlyErrors();
    return new CommandLine(new DdrmCommand())
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
  }
}
