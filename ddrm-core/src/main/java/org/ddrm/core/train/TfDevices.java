package org.ddrm.core.train;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;

/** The devices TensorFlow sees in this process, and which native build of it is linked. */
public final class TfDevices {
  /** The automatic module name that both the CPU and the GPU native jars carry. */
  private static final String NATIVE_MODULE = "tensorflow.nativelib.linux.x86_64";

  /**
   * One device as TensorFlow names it.
   *
   * @param name the full name, e.g. {@code /job:localhost/replica:0/task:0/device:GPU:0}
   * @param type {@code CPU} or {@code GPU}
   * @param memoryBytes the memory TensorFlow may use on it (0 when it does not say)
   */
  public record Device(String name, String type, long memoryBytes) {
    /** The short name, e.g. {@code GPU:0}. */
    public String shortName() {
      int at = name.indexOf("device:");
      return at < 0 ? name : name.substring(at + "device:".length());
    }
  }

  private TfDevices() {}

  /** Every device a fresh TensorFlow session sees, CPUs first as TensorFlow lists them. */
  public static List<Device> list() {
    TensorFlow.version(); // loads the native library
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_Graph graph = TF_Graph.newGraph();
      TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
      // closed and deleted with the scope, by the deallocator that newSession attaches
      TF_Session session = TF_Session.newSession(graph, options, status);
      check(status);
      TF_DeviceList devices = TF_SessionListDevices(session, status);
      check(status);
      try {
        List<Device> found = new ArrayList<>();
        for (int k = 0; k < TF_DeviceListCount(devices); k++) {
          found.add(new Device(TF_DeviceListName(devices, k, status).getString(),
              TF_DeviceListType(devices, k, status).getString(),
              TF_DeviceListMemoryBytes(devices, k, status)));
          check(status);
        }
        return List.copyOf(found);
      } finally {
        TF_DeleteDeviceList(devices);
      }
    }
  }

  /** The GPUs among {@link #list()}. */
  public static List<Device> gpus(List<Device> devices) {
    return devices.stream().filter(d -> d.type().equals("GPU")).toList();
  }

  /**
   * The jar of TensorFlow's native library in use (its classifier says which build:
   * {@code linux-x86_64} is the CPU build, {@code linux-x86_64-gpu} the CUDA one), if found.
   */
  public static Optional<String> nativeJar() {
    Optional<String> onModulePath = ModuleLayer.boot().configuration().findModule(NATIVE_MODULE)
        .flatMap(module -> module.reference().location())
        .map(URI::getPath)
        .map(path -> Path.of(path).getFileName().toString());
    if (onModulePath.isPresent()) {
      return onModulePath;
    }
    return Stream.of(System.getProperty("java.class.path", "").split(File.pathSeparator))
        .map(entry -> Path.of(entry).getFileName())
        .filter(name -> name != null && name.toString().startsWith("tensorflow-core-native")
            && name.toString().contains("linux"))
        .map(Path::toString)
        .findFirst();
  }

  /** "GPU (CUDA)" or "CPU" by the native jar's classifier; "unknown" when it is not found. */
  public static String nativeBuild() {
    return nativeJar()
        .map(jar -> jar.toLowerCase(Locale.ROOT).contains("-gpu") ? "GPU (CUDA)" : "CPU")
        .orElse("unknown");
  }

  private static void check(TF_Status status) {
    if (TF_GetCode(status) != TF_OK) {
      throw new IllegalStateException("TensorFlow could not list its devices: "
          + TF_Message(status).getString());
    }
  }
}
