package org.ddrm.eval.cli;

import org.tensorflow.TensorFlow;
import picocli.CommandLine.IVersionProvider;

/** {@code ddrm --version}: the framework's and TensorFlow's versions. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getModule().getDescriptor() != null
        ? VersionProvider.class.getModule().getDescriptor().rawVersion().orElse("dev")
        : "dev";
    return new String[] {"ddrm " + version + " (TensorFlow " + TensorFlow.version() + ")"};
  }
}
