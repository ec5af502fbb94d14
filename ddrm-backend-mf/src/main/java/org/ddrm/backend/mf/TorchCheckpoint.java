package org.ddrm.backend.mf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The float32 tensors of a PyTorch checkpoint ({@code torch.save} since 1.6: a zip holding
 * {@code <name>/data.pkl}, a pickle of the state dict, and {@code <name>/data/<key>}, each
 * storage's raw little-endian bytes), read without Python: a small pickle interpreter for the
 * opcodes {@code torch.save} emits maps each state-dict key to its tensor's storage, offset,
 * shape and strides. Only C-contiguous float32 tensors are read.
 */
final class TorchCheckpoint {
  private final Path file;
  private final ZipFile zip;
  private final String prefix;

  private TorchCheckpoint(Path file, ZipFile zip, String prefix) {
    this.file = file;
    this.zip = zip;
    this.prefix = prefix;
  }

  /** A tensor of the state dict: where its values are and how they are laid out. */
  record TensorRef(String storage, String type, long offset, long[] shape, long[] stride) {}

  /** The checkpoint's 2-D float32 tensors by state-dict key, in the dict's order. */
  static Map<String, Table> read(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("data.pkl")).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(file + ": a zip without data.pkl, not"
              + " a PyTorch checkpoint"));
      String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
      Map<String, TensorRef> refs;
      try (InputStream in = zip.getInputStream(pickle)) {
        refs = new PickleReader(file, in.readAllBytes()).stateDict();
      }
      TorchCheckpoint checkpoint = new TorchCheckpoint(file, zip, prefix);
      Map<String, Table> tables = new LinkedHashMap<>();
      for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
        if (e.getValue().type().equals("FloatStorage") && e.getValue().shape().length == 2) {
          tables.put(e.getKey(), checkpoint.table(e.getKey(), e.getValue()));
        }
      }
      return tables;
    } catch (ZipException e) {
      throw new IllegalArgumentException(file + ": not a zip (a PyTorch checkpoint saved by"
          + " torch.save since 1.6 is one): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
  }

  private Table table(String key, TensorRef ref) throws IOException {
    int rows = (int) ref.shape()[0];
    int columns = (int) ref.shape()[1];
    if (ref.stride()[0] != columns || ref.stride()[1] != 1) {
      throw new IllegalArgumentException(file + ": tensor '" + key + "' is not C-contiguous"
          + " (strides " + ref.stride()[0] + ", " + ref.stride()[1] + ")");
    }
    ZipEntry entry = zip.getEntry(prefix + "data/" + ref.storage());
    if (entry == null) {
      throw new IllegalArgumentException(file + ": tensor '" + key + "' names storage "
          + ref.storage() + ", which the zip does not hold");
    }
    byte[] bytes;
    try (InputStream in = zip.getInputStream(entry)) {
      bytes = in.readAllBytes();
    }
    long needed = 4 * (ref.offset() + (long) rows * columns);
    if (bytes.length < needed) {
      throw new IllegalArgumentException(file + ": storage " + ref.storage() + " of '" + key
          + "' holds " + bytes.length + " bytes, the tensor needs " + needed);
    }
    float[] values = new float[rows * columns];
    ByteBuffer.wrap(bytes, (int) (4 * ref.offset()), 4 * values.length)
        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return new Table(rows, columns, values);
  }

  /** The pickle opcodes of {@code torch.save} state dicts (protocol 2), interpreted on a stack. */
  private static final class PickleReader {
    private static final Object MARK = new Object();
    private static final Object NONE = new Object();

    private final Path file;
    private final ByteBuffer in;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    PickleReader(Path file, byte[] bytes) {
      this.file = file;
      this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    record Global(String module, String name) {}

    record Call(Global callable, List<Object> args) {}

    @SuppressWarnings("unchecked")
    Map<String, TensorRef> stateDict() {
      Object result = run();
      if (!(result instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(file + ": the pickle holds no dict of tensors");
      }
      Map<String, TensorRef> tensors = new LinkedHashMap<>();
      ((Map<Object, Object>) map).forEach((k, v) -> {
        if (k instanceof String key && v instanceof TensorRef ref) {
          tensors.put(key, ref);
        }
      });
      return tensors;
    }

    private Object run() {
      while (in.hasRemaining()) {
        int position = in.position();
        int op = in.get() & 0xff;
        switch (op) {
          case 0x80 -> in.get(); // PROTO
          case 0x95 -> in.getLong(); // FRAME
          case '.' -> { // STOP
            return stack.pop();
          }
          case 'c' -> stack.push(new Global(line(), line()));
          case 0x93 -> { // STACK_GLOBAL
            String name = (String) stack.pop();
            stack.push(new Global((String) stack.pop(), name));
          }
          case 'q' -> memo.put(in.get() & 0xff, stack.peek());
          case 'r' -> memo.put(in.getInt(), stack.peek());
          case 0x94 -> memo.put(memo.size(), stack.peek()); // MEMOIZE
          case 'h' -> stack.push(memo.get(in.get() & 0xff));
          case 'j' -> stack.push(memo.get(in.getInt()));
          case '(' -> stack.push(MARK);
          case ')' -> stack.push(List.of());
          case ']' -> stack.push(new ArrayList<>());
          case '}' -> stack.push(new LinkedHashMap<>());
          case 't' -> stack.push(popToMark());
          case 0x85 -> stack.push(List.of(stack.pop()));
          case 0x86 -> {
            Object b = stack.pop();
            stack.push(List.of(stack.pop(), b));
          }
          case 0x87 -> {
            Object c = stack.pop();
            Object b = stack.pop();
            stack.push(List.of(stack.pop(), b, c));
          }
          case 'X' -> stack.push(string(in.getInt()));
          case 0x8c -> stack.push(string(in.get() & 0xff)); // SHORT_BINUNICODE
          case 'J' -> stack.push((long) in.getInt());
          case 'K' -> stack.push((long) (in.get() & 0xff));
          case 'M' -> stack.push((long) (in.getShort() & 0xffff));
          case 0x8a -> stack.push(long1()); // LONG1
          case 'G' -> stack.push(in.order(ByteOrder.BIG_ENDIAN).getDouble()); // BINFLOAT
          case 'N' -> stack.push(NONE);
          case 0x88 -> stack.push(Boolean.TRUE);
          case 0x89 -> stack.push(Boolean.FALSE);
          case 'Q' -> stack.push(persistent(stack.pop())); // BINPERSID
          case 'R' -> { // REDUCE
            Object args = stack.pop();
            stack.push(reduce(stack.pop(), (List<?>) args));
          }
          case 0x81 -> { // NEWOBJ
            Object args = stack.pop();
            stack.push(new Call((Global) stack.pop(), List.copyOf((List<?>) args)));
          }
          case 'b' -> stack.pop(); // BUILD: object state (e.g. _metadata) is not needed
          case 's' -> {
            Object value = stack.pop();
            Object key = stack.pop();
            put(stack.peek(), key, value);
          }
          case 'u' -> {
            List<Object> items = popToMark();
            for (int k = 0; k + 1 < items.size(); k += 2) {
              put(stack.peek(), items.get(k), items.get(k + 1));
            }
          }
          case 'a' -> {
            Object value = stack.pop();
            add(stack.peek(), List.of(value));
          }
          case 'e' -> {
            List<Object> items = popToMark();
            add(stack.peek(), items);
          }
          default -> throw new IllegalArgumentException(file + ": data.pkl byte " + position
              + ": pickle opcode 0x" + Integer.toHexString(op) + " is not one torch.save writes"
              + " for a state dict");
        }
        in.order(ByteOrder.LITTLE_ENDIAN);
      }
      throw new IllegalArgumentException(file + ": data.pkl ends without STOP");
    }

    private Object reduce(Object callable, List<?> args) {
      if (!(callable instanceof Global global)) {
        return new Call(null, List.copyOf(args));
      }
      if (global.name().equals("OrderedDict")) {
        return new LinkedHashMap<>();
      }
      if (global.name().equals("_rebuild_tensor_v2") || global.name().equals("_rebuild_tensor")) {
        StorageRef storage = (StorageRef) args.get(0);
        return new TensorRef(storage.key(), storage.type(), (Long) args.get(1),
            longs((List<?>) args.get(2)), longs((List<?>) args.get(3)));
      }
      return new Call(global, List.copyOf(args));
    }

    private record StorageRef(String type, String key) {}

    private Object persistent(Object id) {
      List<?> pid = (List<?>) id;
      if (pid.size() < 3 || !"storage".equals(pid.get(0)) || !(pid.get(1) instanceof Global type)) {
        throw new IllegalArgumentException(file + ": data.pkl: a persistent id that is not a"
            + " storage: " + pid);
      }
      return new StorageRef(type.name(), (String) pid.get(2));
    }

    @SuppressWarnings("unchecked")
    private void put(Object target, Object key, Object value) {
      if (target instanceof Map<?, ?> map) {
        ((Map<Object, Object>) map).put(key, value);
      }
    }

    @SuppressWarnings("unchecked")
    private void add(Object target, List<Object> values) {
      if (target instanceof List<?> list && list instanceof ArrayList<?>) {
        ((List<Object>) list).addAll(values);
      }
    }

    private List<Object> popToMark() {
      List<Object> items = new ArrayList<>();
      while (true) {
        if (stack.isEmpty()) {
          throw new IllegalArgumentException(file + ": data.pkl: no MARK before a tuple");
        }
        Object top = stack.pop();
        if (top == MARK) {
          break;
        }
        items.add(0, top);
      }
      return items;
    }

    private static long[] longs(List<?> values) {
      return values.stream().mapToLong(v -> (Long) v).toArray();
    }

    private long long1() {
      int n = in.get() & 0xff;
      long value = 0;
      for (int k = 0; k < n; k++) {
        value |= (long) (in.get() & 0xff) << (8 * k);
      }
      return value;
    }

    private String string(int length) {
      byte[] bytes = new byte[length];
      in.get(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    private String line() {
      StringBuilder s = new StringBuilder();
      for (byte b = in.get(); b != '\n'; b = in.get()) {
        s.append((char) b);
      }
      return s.toString();
    }
  }
}
