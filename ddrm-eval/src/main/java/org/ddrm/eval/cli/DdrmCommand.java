package org.ddrm.eval.cli;

import picocli.CommandLine.Command;

/** {@code ddrm}: train and evaluate denoising recommenders from config files. */
@Command(
    name = "ddrm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Denoising implicit-feedback recommendation on TensorFlow Java.",
    subcommands = {RunCommand.class, SuiteCommand.class, BenchCommand.class, ListCommand.class, DataCommand.class})
final class DdrmCommand {}
