package org.ddrm.core.train;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.core.config.ConfigException;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * How TensorFlow runs: thread counts, the determinism switch and the device, read from
 * {@code tf.*}.
 *
 * @param intraOpThreads threads inside one op (0 lets TensorFlow decide)
 * @param interOpThreads ops run side by side (0 lets TensorFlow decide)
 * @param deterministic locked optimiser updates and one intra-op thread, for bit-for-bit runs
 * @param device {@code auto} (TensorFlow's placement: its first GPU if it sees one, else the
 *     CPU), {@code cpu} (GPUs hidden), or {@code gpu:N} (only GPU N visible, the graph pinned to it)
 */
public record TfRuntime(int intraOpThreads, int interOpThreads, boolean deterministic,
    String device) {
  /** The setting that chooses the device. */
  public static final String DEVICE_KEY = "tf.device";
  /** The values {@value #DEVICE_KEY} accepts. */
  public static final List<String> DEVICES = List.of("auto", "cpu", "gpu:0", "gpu:1", "gpu:2",
      "gpu:3", "gpu:4", "gpu:5", "gpu:6", "gpu:7");

  /** The {@code tf.*} settings, framework keys (no provider prefix). */
  public static final SettingSet KEYS = new SettingSet();
  private static final Setting<Integer> INTRA_OP_THREADS = KEYS.add(Setting.integer(
      new SettingSpec("tf.intra_op_threads", "2", "threads inside one TF op (0: TF decides)")
          .atLeast(0)));
  private static final Setting<Integer> INTER_OP_THREADS = KEYS.add(Setting.integer(
      new SettingSpec("tf.inter_op_threads", "2", "TF ops run side by side (0: TF decides)")
          .atLeast(0)));
  private static final Setting<Boolean> DETERMINISTIC = KEYS.add(Setting.flag(
      new SettingSpec("tf.deterministic", "false", "bit-for-bit repeatable runs: locked"
          + " optimiser updates and one intra-op thread (slower)")));
  private static final Setting<String> DEVICE = KEYS.add(Setting.text(
      new SettingSpec(DEVICE_KEY, "auto", "where the graph runs: auto (TensorFlow's placement:"
          + " its first GPU when it sees one, else the CPU), cpu (GPUs hidden) or gpu:N (GPU N"
          + " only; a clear error when TensorFlow sees no such GPU)")
          .oneOf(DEVICES.toArray(String[]::new))));

  public TfRuntime {
    if (!DEVICES.contains(device)) {
      throw new ConfigException(DEVICE_KEY + ": expected one of " + String.join(", ", DEVICES)
          + ", got '" + device + "'");
    }
  }

  /** A runtime on TensorFlow's own device placement. */
  public TfRuntime(int intraOpThreads, int interOpThreads, boolean deterministic) {
    this(intraOpThreads, interOpThreads, deterministic, "auto");
  }

  /** The runtime the {@code tf.*} settings of a run ask for. */
  public static TfRuntime from(Settings settings) {
    return new TfRuntime(INTRA_OP_THREADS.read("", settings),
        INTER_OP_THREADS.read("", settings), DETERMINISTIC.read("", settings),
        DEVICE.read("", settings));
  }

  /** The GPU index {@code gpu:N} asks for. */
  private Optional<Integer> gpu() {
    return device.startsWith("gpu:")
        ? Optional.of(Integer.parseInt(device.substring("gpu:".length())))
        : Optional.empty();
  }

  /**
   * The op factory of a graph: on {@code gpu:N} every op built through it is pinned to the one
   * visible GPU (ops without a GPU kernel fall back to the CPU by soft placement); else unpinned.
   */
  public Ops ops(Graph graph) {
    Ops tf = Ops.create(graph);
    return gpu().isPresent()
        ? tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU)
            .deviceIndex(0).build())
        : tf;
  }

  /**
   * Checks that the device asked for exists among {@code devices} (those TensorFlow sees) and
   * says in one line where the graph runs.
   *
   * @throws ConfigException when {@code gpu:N} is asked for and TensorFlow sees no GPU N
   */
  public String placement(List<TfDevices.Device> devices) {
    List<TfDevices.Device> gpus = TfDevices.gpus(devices);
    String seen = devices.stream().map(TfDevices.Device::shortName)
        .collect(Collectors.joining(", "));
    Optional<Integer> gpu = gpu();
    if (gpu.isPresent() && gpu.get() >= gpus.size()) {
      throw new ConfigException(DEVICE_KEY + " = " + device + ": TensorFlow sees "
          + (gpus.isEmpty() ? "no GPU" : gpus.size() + " GPU(s)") + " (devices: " + seen
          + "; native build: " + TfDevices.nativeBuild() + "); use tf.device=cpu"
          + (gpus.isEmpty() ? ", or build with 'mvn -Pgpu package' on a machine with CUDA" : ""));
    }
    String where = switch (device) {
      case "cpu" -> "CPU:0 (GPUs hidden)";
      case "auto" -> gpus.isEmpty() ? "CPU:0" : "GPU:0 where it has kernels, else CPU:0";
      default -> "GPU:" + gpu.get() + " where it has kernels, else CPU:0";
    };
    return "TensorFlow devices: " + seen + "; tf.device=" + device + ": ops on " + where;
  }

  /** Opens a session on the graph with this runtime's thread and device settings. */
  public Session openSession(Graph graph) {
    ConfigProto.Builder config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(deterministic ? 1 : intraOpThreads)
            .setInterOpParallelismThreads(deterministic ? 1 : interOpThreads)
            .setAllowSoftPlacement(true);
    if (device.equals("cpu")) {
      config.putDeviceCount("GPU", 0);
    }
    gpu().ifPresent(n -> config.setGpuOptions(
        GPUOptions.newBuilder().setVisibleDeviceList(String.valueOf(n)).setAllowGrowth(true)));
    return new Session(graph, config.build());
  }

  /** One line for provenance: which mode produced the numbers. */
  public String describe() {
    String mode = deterministic
        ? "deterministic (locked updates, 1 intra-op thread, 1 inter-op thread)"
        : "fast (intra-op " + intraOpThreads + ", inter-op " + interOpThreads + ", unlocked updates)";
    return device.equals("auto") ? mode : mode + ", device " + device;
  }
}
