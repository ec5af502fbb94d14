package org.ddrm.eval.cli;

import org.ddrm.core.train.TfDevices;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * A small timed graph on one device: the product of two random {@code size x size} float32
 * matrices held in variables on that device, placed strictly (no soft placement, so a device
 * that cannot run it fails instead of falling back to the CPU), its placement read back from
 * TensorFlow's trace.
 */
final class DeviceProbe {
  private static final String MATMUL = "probe_matmul";

  /**
   * What one probe measured.
   *
   * @param placedOn the device TensorFlow's trace shows the product ran on
   * @param secondsPerRun mean wall time of one run after two warm-up runs
   * @param gflops 2 size^3 floating-point operations per run over its seconds
   */
  record Outcome(String placedOn, double secondsPerRun, double gflops) {}

  private DeviceProbe() {}

  static Outcome run(TfDevices.Device device, int size, int runs) {
    try (Graph graph = new Graph()) {
      DeviceSpec spec = DeviceSpec.newBuilder()
          .deviceType(DeviceSpec.DeviceType.valueOf(device.type()))
          .deviceIndex(Integer.parseInt(device.shortName().substring(device.type().length() + 1)))
          .build();
      Ops tf = Ops.create(graph).withDevice(spec);
      Operand<TFloat32> a = tf.identity(randomMatrix(tf, size, 1));
      Operand<TFloat32> b = tf.identity(randomMatrix(tf, size, 2));
      Operand<TFloat32> product = tf.withName(MATMUL).linalg.matMul(a, b);
      Operand<TFloat32> sum = tf.reduceSum(product, tf.constant(new int[] {0, 1}));
      ConfigProto config = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session session = new Session(graph, config)) {
        session.initialize();
        String placedOn = placement(session, sum);
        session.runner().fetch(sum).run().close();
        long start = System.nanoTime();
        for (int k = 0; k < runs; k++) {
          session.runner().fetch(sum).run().close();
        }
        double seconds = (System.nanoTime() - start) / 1e9 / runs;
        return new Outcome(placedOn, seconds, 2.0 * size * size * size / seconds / 1e9);
      }
    }
  }

  private static Variable<TFloat32> randomMatrix(Ops tf, int size, long seed) {
    return tf.variable(tf.random.randomUniform(tf.constant(Shape.of(size, size)), TFloat32.class,
        RandomUniform.seed(2024L), RandomUniform.seed2(seed)));
  }

  /** The device the traced run shows the product on. */
  private static String placement(Session session, Operand<TFloat32> sum) {
    try (Result result = session.runner().fetch(sum)
        .setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE)
            .build())
        .runAndFetchMetadata()) {
      for (DeviceStepStats stats : result.getMetadata().orElseThrow().getStepStats()
          .getDevStatsList()) {
        for (NodeExecStats node : stats.getNodeStatsList()) {
          if (node.getNodeName().equals(MATMUL)) {
            return stats.getDevice();
          }
        }
      }
      return "not in the trace";
    }
  }
}
