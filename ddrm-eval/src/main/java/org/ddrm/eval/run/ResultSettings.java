package org.ddrm.eval.run;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings that define what a run computes: all but the thread counts, which only decide how
 * fast (a worker pool divides the machine's threads among its workers, and a cell a worker
 * resumes or skips still counts as the same run).
 */
public final class ResultSettings {
  /** The keys that only say how many threads a run uses. */
  public static final Set<String> THREAD_KEYS =
      Set.of("tf.intra_op_threads", "tf.inter_op_threads");

  private ResultSettings() {}

  /** {@code settings} without {@link #THREAD_KEYS}. */
  public static Map<String, String> of(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>(settings);
    out.keySet().removeAll(THREAD_KEYS);
    return out;
  }
}
