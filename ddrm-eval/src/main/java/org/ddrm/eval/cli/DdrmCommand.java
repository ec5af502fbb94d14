package org.ddrm.eval.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code ddrm}: train and evaluate denoising recommenders from config files. */
@Command(
    name = "ddrm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Denoising implicit-feedback recommendation on TensorFlow Java.",
    subcommands = {RunCommand.class, RecommendCommand.class, SuiteCommand.class,
        CompareCommand.class, BenchCommand.class, ListCommand.class, DataCommand.class,
        DoctorCommand.class})
final class DdrmCommand {
  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "on an error, print its stack trace too (or set DDRM_DEBUG=1)")
  boolean debug;
}
