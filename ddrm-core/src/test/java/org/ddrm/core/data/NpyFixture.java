package org.ddrm.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small .npy files byte by byte, as NumPy's {@code np.save} lays them out. */
final class NpyFixture {
  private NpyFixture() {}

  /** A (rows, 2) array in C order of the given dtype ('<i8', '>i4', ...), format 1.0. */
  static Path pairs(Path file, String descr, long[][] rows) throws IOException {
    long[] flat = new long[rows.length * 2];
    for (int r = 0; r < rows.length; r++) {
      flat[2 * r] = rows[r][0];
      flat[2 * r + 1] = rows[r][1];
    }
    return write(file, 1, descr, false, "(" + rows.length + ", 2)", flat);
  }

  /** Any header and flat data, for malformed cases. */
  static Path write(Path file, int major, String descr, boolean fortran, String shape,
      long[] flat) throws IOException {
    Files.write(file, bytes(major, descr, fortran, shape, flat));
    return file;
  }

  static byte[] bytes(int major, String descr, boolean fortran, String shape, long[] flat) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': " + shape + ", }";
    int prefix = major == 1 ? 10 : 12;
    int padded = ((prefix + dict.length() + 1 + 63) / 64) * 64;
    String header = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
    int width = descr.endsWith("8") ? 8 : 4;
    ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteBuffer buffer = ByteBuffer.allocate(padded + flat.length * width);
    buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    buffer.order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      buffer.putShort((short) header.length());
    } else {
      buffer.putInt(header.length());
    }
    buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
    buffer.order(order);
    for (long v : flat) {
      if (width == 8) {
        buffer.putLong(v);
      } else {
        buffer.putInt((int) v);
      }
    }
    return buffer.array();
  }
}
