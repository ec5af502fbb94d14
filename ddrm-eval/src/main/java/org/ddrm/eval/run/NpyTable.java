package org.ddrm.eval.run;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.data.DataFormatException;

/**
 * A 2-D float32 table as a NumPy {@code .npy} file, format version 1.0: the magic string, a
 * header dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (rows, columns), }}
 * padded with spaces to a multiple of 64 bytes, then the values row by row, little-endian.
 *
 * @param rows the number of rows
 * @param columns the number of columns
 * @param values the values row-major, {@code rows * columns} of them
 */
public record NpyTable(int rows, int columns, float[] values) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final Pattern HEADER = Pattern.compile(
      "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), *}\\s*");

  public NpyTable {
    if ((long) rows * columns != values.length) {
      throw new IllegalArgumentException("a " + rows + " x " + columns + " table needs "
          + (long) rows * columns + " values, got " + values.length);
    }
  }

  /** The value at one row and column. */
  public float get(int row, int column) {
    return values[row * columns + column];
  }

  /** Writes the table to {@code file} atomically. */
  public void write(Path file) {
    String dict = String.format(Locale.ROOT,
        "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }", rows, columns);
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padded = (unpadded + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - unpadded) + "\n";
    ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    AtomicFiles.writeBytes(file, out -> {
      out.write(MAGIC);
      out.write(header.length() & 0xff);
      out.write(header.length() >>> 8);
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      out.write(data.array());
    });
  }

  /**
   * Reads a table this class wrote (or NumPy's {@code np.save} of a C-ordered 2-D float32
   * array); anything else is a {@link DataFormatException} naming the file.
   */
  public static NpyTable read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (magic[0] != MAGIC[0] || magic[1] != 'N' || magic[5] != 'Y' || magic[6] != 1) {
        throw new DataFormatException(file + ": not a NumPy version 1.0 .npy file");
      }
      int headerLength = in.readUnsignedByte() | in.readUnsignedByte() << 8;
      byte[] header = new byte[headerLength];
      in.readFully(header);
      Matcher m = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
      if (!m.matches()) {
        throw new DataFormatException(file + ": expected a C-ordered 2-D '<f4' array, header is "
            + new String(header, StandardCharsets.US_ASCII).trim());
      }
      int rows = Integer.parseInt(m.group(1));
      int columns = Integer.parseInt(m.group(2));
      byte[] bytes = new byte[4 * rows * columns];
      in.readFully(bytes);
      float[] values = new float[rows * columns];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      return new NpyTable(rows, columns, values);
    } catch (EOFException e) {
      throw new DataFormatException(file + ": truncated .npy file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
  }
}
