package org.ddrm.core.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A TensorBoard event file ({@code events.out.tfevents.<seconds>.<host>[.<n>]}): a TFRecord
 * stream of {@link Event} protos, the first naming the file version, then one event of scalar
 * summaries per call of {@link #scalars}. Each record is framed as TensorFlow's record writer
 * does: the length (uint64, little-endian), its masked CRC32C, the bytes, their masked CRC32C.
 * Every record is flushed when written, so TensorBoard shows a running job. A new writer never
 * appends to an existing file: it takes a new name.
 */
public final class TensorBoardEvents implements AutoCloseable {
  /** The prefix TensorBoard looks for. */
  public static final String PREFIX = "events.out.tfevents.";

  private final Path file;
  private final OutputStream out;

  private TensorBoardEvents(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /** Opens a new event file in {@code directory} and writes its version record. */
  public static TensorBoardEvents create(Path directory) {
    long seconds = System.currentTimeMillis() / 1000;
    String base = PREFIX + seconds + "." + host();
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(base);
      for (int n = 1; Files.exists(file); n++) {
        file = directory.resolve(base + "." + n);
      }
      OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      TensorBoardEvents events = new TensorBoardEvents(file, out);
      events.write(Event.newBuilder().setWallTime(now()).setFileVersion("brain.Event:2").build());
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a TensorBoard event file in " + directory
          + ": " + e, e);
    }
  }

  public Path file() {
    return file;
  }

  /** Writes one event at {@code step} holding a scalar summary per entry of {@code values}. */
  public void scalars(long step, Map<String, Double> values) {
    Summary.Builder summary = Summary.newBuilder();
    values.forEach((tag, value) ->
        summary.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value.floatValue())));
    write(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(summary).build());
  }

  private void write(Event event) {
    byte[] data = event.toByteArray();
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(data.length);
    header.putInt(maskedCrc32c(header.array(), 0, 8));
    ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    footer.putInt(maskedCrc32c(data, 0, data.length));
    try {
      out.write(header.array());
      out.write(data);
      out.write(footer.array());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the TensorBoard event file " + file + ": " + e, e);
    }
  }

  /** TFRecord's masked CRC32C: the checksum rotated right by 15 bits plus 0xa282ead8. */
  static int maskedCrc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + 0xa282ead8;
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the TensorBoard event file " + file + ": " + e, e);
    }
  }
}
