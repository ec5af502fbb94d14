package org.ddrm.core.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Where training steps spend their time: a few steps of each epoch run with TensorFlow's full
 * trace, and the kernel time of every executed node is added up by op type and by node (the
 * costliest {@value #LISTED_NODES} nodes are listed, naming the graph's scopes, e.g. a gradient
 * under {@code gradients/}). Kernel times of ops that ran side by side add up, so the total can
 * exceed the steps' wall time; their ratio is the parallelism the step reached.
 */
public final class OpProfile {
  /** Run options that make {@code Session.run} return per-node timings. */
  static final RunOptions FULL_TRACE =
      RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();

  private final int stepsPerEpoch;
  /** How many of the costliest nodes {@link #toJson} lists. */
  static final int LISTED_NODES = 40;

  private final Map<String, OpTime> byType = new HashMap<>();
  private final Map<String, OpTime> byNode = new HashMap<>();
  private int steps;
  private long wallMicros;

  /**
   * @param stepsPerEpoch steps traced in each epoch: steps 2 to {@code stepsPerEpoch + 1} (an
   *     epoch's first step also pays for its start and is not traced)
   */
  public OpProfile(int stepsPerEpoch) {
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("traced steps per epoch must be at least 1, got "
          + stepsPerEpoch);
    }
    this.stepsPerEpoch = stepsPerEpoch;
  }

  /** Time spent by one op type (or one node, then named by {@code type}) over the traced steps. */
  public record OpTime(String type, long micros, long executions) {
    OpTime plus(long moreMicros) {
      return new OpTime(type, micros + moreMicros, executions + 1);
    }
  }

  boolean traces(int batch) {
    return batch > 1 && batch <= stepsPerEpoch + 1;
  }

  /** Adds one traced step: its metadata and its wall time as the caller saw it. */
  void add(RunMetadata metadata, long stepWallMicros) {
    steps++;
    wallMicros += stepWallMicros;
    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        String type = opType(node);
        long micros = Math.max(0, node.getOpEndRelMicros() - node.getOpStartRelMicros());
        byType.merge(type, new OpTime(type, micros, 1), (a, b) -> a.plus(b.micros()));
        String label = node.getNodeName() + " (" + type + ")";
        byNode.merge(label, new OpTime(label, micros, 1), (a, b) -> a.plus(b.micros()));
      }
    }
  }

  /** The op type in a node's timeline label ({@code "name = Type(inputs)"}), else its name. */
  static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    int equals = label.indexOf(" = ");
    int paren = label.indexOf('(', Math.max(equals, 0));
    if (equals >= 0 && paren > equals) {
      return label.substring(equals + 3, paren);
    }
    return node.getNodeName();
  }

  public int steps() {
    return steps;
  }

  /** Mean wall milliseconds of a traced step (tracing adds a little to it). */
  public double wallMillisPerStep() {
    return steps == 0 ? 0 : wallMicros / 1e3 / steps;
  }

  /** Op types by total kernel time, longest first. */
  public List<OpTime> byTime() {
    return longestFirst(byType);
  }

  /** Nodes ({@code "name (Type)"}) by total kernel time, longest first. */
  public List<OpTime> nodesByTime() {
    return longestFirst(byNode);
  }

  private static List<OpTime> longestFirst(Map<String, OpTime> times) {
    List<OpTime> all = new ArrayList<>(times.values());
    all.sort(Comparator.comparingLong(OpTime::micros).reversed().thenComparing(OpTime::type));
    return all;
  }

  /**
   * The profile as a JSON-ready map: steps, wall and kernel milliseconds per step, op types and
   * the costliest nodes.
   */
  public Map<String, Object> toJson() {
    long kernelMicros = byType.values().stream().mapToLong(OpTime::micros).sum();
    return Map.of("traced_steps", steps,
        "wall_ms_per_step", wallMillisPerStep(),
        "kernel_ms_per_step", steps == 0 ? 0.0 : kernelMicros / 1e3 / steps,
        "ops", rows("op", byTime(), kernelMicros),
        "nodes", rows("node", nodesByTime().subList(0, Math.min(LISTED_NODES, byNode.size())),
            kernelMicros));
  }

  private List<Map<String, Object>> rows(String label, List<OpTime> times, long kernelMicros) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (OpTime op : times) {
      rows.add(Map.of(label, op.type(),
          "ms_per_step", steps == 0 ? 0.0 : op.micros() / 1e3 / steps,
          "share", kernelMicros == 0 ? 0.0 : (double) op.micros() / kernelMicros,
          "executions_per_step", steps == 0 ? 0.0 : (double) op.executions() / steps));
    }
    return rows;
  }
}
