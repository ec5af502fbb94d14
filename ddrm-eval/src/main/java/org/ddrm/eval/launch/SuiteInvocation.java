package org.ddrm.eval.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start {@code ddrm suite} on one suite from a launcher: the {@code ddrm} command, the
 * directory it runs in (relative paths in configs resolve there), and the arguments naming the
 * suite and its cells (suite file, {@code --out}, {@code --seeds}, {@code --rows}, {@code --set}),
 * so that every runner sees the same cell indices.
 *
 * @param launcher the {@code ddrm} command
 * @param workingDirectory where runners start
 * @param suiteArguments the arguments after {@code suite}
 */
public record SuiteInvocation(Path launcher, Path workingDirectory, List<String> suiteArguments) {
  /** {@code ddrm suite ARGUMENTS EXTRA...}. */
  public List<String> command(List<String> extra) {
    List<String> out = new ArrayList<>();
    out.add(launcher.toString());
    out.add("suite");
    out.addAll(suiteArguments);
    out.addAll(extra);
    return out;
  }

  /** {@code first} followed by {@code second}. */
  static List<String> join(List<String> first, List<String> second) {
    List<String> out = new ArrayList<>(first);
    out.addAll(second);
    return out;
  }

  /** The thread settings of a runner given {@code threads} cores. */
  public static List<String> threadOverrides(int threads) {
    return List.of("--set", "tf.intra_op_threads=" + threads,
        "--set", "tf.inter_op_threads=" + threads);
  }
}
