package org.ddrm.backend.mf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a 2-D float32 table from a NumPy {@code .npy} file (versions 1-3, C order, '<f4'). */
final class NpyFile {
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+),?\\s*\\)");

  private NpyFile() {}

  static Table read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || bytes[1] != 'N' || bytes[5] != 'Y') {
      throw new IllegalArgumentException(file + ": not a NumPy .npy file");
    }
    int major = bytes[6];
    int headerLength = major == 1 ? in.getShort(8) & 0xffff : in.getInt(8);
    int start = major == 1 ? 10 : 12;
    String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !descr.group(1).equals("<f4") || !fortran.find()
        || fortran.group(1).equals("True") || !shape.find()) {
      throw new IllegalArgumentException(file + ": expected a C-ordered 2-D float32 ('<f4')"
          + " array, the header is " + header.trim());
    }
    int rows = Integer.parseInt(shape.group(1));
    int columns = Integer.parseInt(shape.group(2));
    int data = start + headerLength;
    if (bytes.length - data < 4L * rows * columns) {
      throw new IllegalArgumentException(file + ": truncated: " + rows + " x " + columns
          + " floats need " + 4L * rows * columns + " bytes, " + (bytes.length - data) + " follow");
    }
    float[] values = new float[rows * columns];
    in.position(data);
    in.asFloatBuffer().get(values);
    return new Table(rows, columns, values);
  }
}
