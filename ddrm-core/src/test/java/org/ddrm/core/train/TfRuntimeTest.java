package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ddrm.core.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class TfRuntimeTest {
  private static final TfDevices.Device CPU =
      new TfDevices.Device("/job:localhost/replica:0/task:0/device:CPU:0", "CPU", 0);
  private static final TfDevices.Device GPU =
      new TfDevices.Device("/job:localhost/replica:0/task:0/device:GPU:0", "GPU", 1L << 34);

  @Test
  void tensorFlowSeesTheCpu() {
    assertThat(TfDevices.list()).extracting(TfDevices.Device::shortName).contains("CPU:0");
  }

  @Test
  void gpuAskedForWithoutOneIsAConfigErrorNamingTheKeyAndTheDevicesSeen() {
    TfRuntime runtime = new TfRuntime(2, 2, false, "gpu:0");
    assertThatThrownBy(() -> runtime.placement(List.of(CPU)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tf.device = gpu:0: TensorFlow sees no GPU (devices: CPU:0");
    assertThatThrownBy(() -> new TfRuntime(2, 2, false, "gpu:1").placement(List.of(CPU, GPU)))
        .hasMessageContaining("sees 1 GPU(s)");
  }

  @Test
  void placementSaysWhereTheOpsRun() {
    assertThat(new TfRuntime(2, 2, false, "gpu:0").placement(List.of(CPU, GPU)))
        .isEqualTo("TensorFlow devices: CPU:0, GPU:0; tf.device=gpu:0: ops on GPU:0 where it"
            + " has kernels, else CPU:0");
    assertThat(new TfRuntime(2, 2, false, "auto").placement(List.of(CPU))).endsWith("ops on CPU:0");
  }

  @Test
  void aGpuPinsEveryOpBuiltThroughTheOpsIncludingSubScopes() {
    try (Graph graph = new Graph()) {
      Ops tf = new TfRuntime(2, 2, false, "gpu:3").ops(graph);
      Operand<TFloat32> a = tf.withSubScope("inner").withName("a").constant(1f);
      Operand<TFloat32> b = tf.withControlDependencies(List.of(a)).math.add(a, a);
      assertThat(((GraphOperation) a.op()).device()).isEqualTo("/device:GPU:0");
      assertThat(((GraphOperation) b.op()).device()).isEqualTo("/device:GPU:0");
    }
  }

  @Test
  void cpuAndAutoLeaveOpsUnpinnedAndRun() {
    for (String device : List.of("cpu", "auto")) {
      TfRuntime runtime = new TfRuntime(1, 1, false, device);
      try (Graph graph = new Graph()) {
        Ops tf = runtime.ops(graph);
        Operand<TFloat32> sum = tf.math.add(tf.constant(1f), tf.constant(2f));
        assertThat(((GraphOperation) sum.op()).device()).isEmpty();
        try (Session session = runtime.openSession(graph);
            TFloat32 value = (TFloat32) session.runner().fetch(sum).run().get(0)) {
          assertThat(value.getFloat()).isEqualTo(3f);
        }
      }
    }
  }

  @Test
  void anUnknownDeviceIsRefused() {
    assertThatThrownBy(() -> new TfRuntime(2, 2, false, "tpu"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tf.device");
  }
}
