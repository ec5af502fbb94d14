package org.ddrm.eval.cli;

import picocli.CommandLine;

/** Entry point of the {@code ddrm} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 success, 1 error, 2 usage). */
  public static int execute(String... args) {
    return new CommandLine(new DdrmCommand())
        .setExecutionExceptionHandler(new FriendlyErrors())
        .execute(args);
  }
}
