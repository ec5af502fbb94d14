package org.ddrm.core.train;

import org.ddrm.api.Settings;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * How TensorFlow runs: thread counts and the determinism switch, read from {@code tf.*}.
 *
 * @param intraOpThreads threads inside one op (0 lets TensorFlow decide)
 * @param interOpThreads ops run side by side (0 lets TensorFlow decide)
 * @param deterministic locked optimiser updates and one intra-op thread, for bit-for-bit runs
 */
public record TfRuntime(int intraOpThreads, int interOpThreads, boolean deterministic) {

  public static TfRuntime from(Settings settings) {
    return new TfRuntime(
        settings.getInt("tf.intra_op_threads"),
        settings.getInt("tf.inter_op_threads"),
        settings.getBoolean("tf.deterministic"));
  }

  /** Opens a session on the graph with this runtime's thread settings. */
  public Session openSession(Graph graph) {
    ConfigProto config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(deterministic ? 1 : intraOpThreads)
            .setInterOpParallelismThreads(deterministic ? 1 : interOpThreads)
            .setAllowSoftPlacement(true)
            .build();
    return new Session(graph, config);
  }

  /** One line for provenance: which mode produced the numbers. */
  public String describe() {
    return deterministic
        ? "deterministic (locked updates, 1 intra-op thread, 1 inter-op thread)"
        : "fast (intra-op " + intraOpThreads + ", inter-op " + interOpThreads + ", unlocked updates)";
  }
}
