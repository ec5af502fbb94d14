package org.ddrm.core.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ddrm.api.Interactions;

/**
 * Reads {@code (user, item)} pairs from a NumPy {@code .npy} file (format versions 1.0, 2.0 and
 * 3.0) holding a 2-D integer array of shape {@code (n, 2)}: dtype {@code int32} or {@code int64}
 * in either byte order ({@code '<i4'}, {@code '<i8'}, {@code '>i4'}, {@code '>i8'}), C or
 * Fortran order. This is the native split format of the reference implementations
 * ({@code train_list.npy}).
 *
 * <p>The data are streamed through a small buffer, so memory use is the two result arrays. Bytes
 * after the array are ignored, as NumPy does. Malformed input is a {@link DataFormatException}
 * naming the file and the header field or byte offset.
 */
public final class NpyPairReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int CHUNK = 1 << 16;
  private static final Pattern DESCR =
      Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
  private static final Pattern FORTRAN =
      Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  private NpyPairReader() {}

  /** Reads all pairs, row by row. */
  public static Interactions read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Header header = readHeader(file, channel);
      return readData(file, channel, header);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
  }

  private record Header(long dataOffset, int width, ByteOrder order, boolean fortran, int rows) {}

  private static Header readHeader(Path file, FileChannel channel) throws IOException {
    ByteBuffer preamble = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    int got = fill(channel, preamble);
    for (int k = 0; k < MAGIC.length; k++) {
      if (k >= got || preamble.get(k) != MAGIC[k]) {
        throw DataFormatException.inFile(
            file, "not a NumPy .npy file: the first 6 bytes are not \\x93NUMPY");
      }
    }
    if (got < 10) {
      throw DataFormatException.inFile(file, "truncated .npy header: file has " + got + " bytes");
    }
    int major = preamble.get(6) & 0xff;
    int minor = preamble.get(7) & 0xff;
    long headerLength;
    int lengthEnd;
    if (major == 1) {
      headerLength = preamble.getShort(8) & 0xffff;
      lengthEnd = 10;
    } else if (major == 2 || major == 3) {
      if (got < 12) {
        throw DataFormatException.inFile(
            file, "truncated .npy header: file has " + got + " bytes");
      }
      headerLength = preamble.getInt(8) & 0xffffffffL;
      lengthEnd = 12;
    } else {
      throw DataFormatException.inFile(
          file, "unsupported .npy format version " + major + "." + minor
              + " (supported: 1.0, 2.0, 3.0)");
    }
    long fileSize = channel.size();
    if (headerLength > Integer.MAX_VALUE - 64 || lengthEnd + headerLength > fileSize) {
      throw DataFormatException.inFile(
          file, "truncated .npy header: it declares " + headerLength + " bytes at offset "
              + lengthEnd + " but the file has " + fileSize + " bytes");
    }
    ByteBuffer text = ByteBuffer.allocate((int) headerLength);
    channel.position(lengthEnd);
    fill(channel, text);
    String dict = new String(text.array(), major == 3
        ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
    return parseHeader(file, dict, lengthEnd + headerLength, fileSize);
  }

  private static Header parseHeader(Path file, String dict, long dataOffset, long fileSize) {
    Matcher descr = DESCR.matcher(dict);
    Matcher fortran = FORTRAN.matcher(dict);
    Matcher shape = SHAPE.matcher(dict);
    if (!dict.startsWith("{") || !descr.find() || !fortran.find() || !shape.find()) {
      throw DataFormatException.inFile(
          file, "malformed .npy header (expected 'descr', 'fortran_order' and 'shape'): " + dict);
    }
    String dtype = descr.group(1);
    ByteOrder order;
    int width;
    switch (dtype) {
      case "<i4" -> { order = ByteOrder.LITTLE_ENDIAN; width = 4; }
      case "<i8" -> { order = ByteOrder.LITTLE_ENDIAN; width = 8; }
      case ">i4" -> { order = ByteOrder.BIG_ENDIAN; width = 4; }
      case ">i8" -> { order = ByteOrder.BIG_ENDIAN; width = 8; }
      default -> throw DataFormatException.inFile(
          file, "unsupported .npy dtype '" + dtype
              + "' in the header (expected int32 or int64: '<i4', '<i8', '>i4', '>i8')");
    }
    List<Long> dims = new ArrayList<>();
    for (String dim : shape.group(1).split(",")) {
      String d = dim.strip();
      if (d.endsWith("L")) {
        d = d.substring(0, d.length() - 1);
      }
      if (d.isEmpty()) {
        continue;
      }
      try {
        dims.add(Long.parseLong(d));
      } catch (NumberFormatException e) {
        throw DataFormatException.inFile(file, "malformed .npy shape (" + shape.group(1) + ")");
      }
    }
    if (dims.size() != 2 || dims.get(1) != 2 || dims.get(0) < 0) {
      throw DataFormatException.inFile(
          file, "the .npy header's shape is (" + shape.group(1).strip()
              + "), expected (n, 2): one (user, item) pair per row");
    }
    if (dims.get(0) > Integer.MAX_VALUE) {
      throw DataFormatException.inFile(file, "too many rows for one array: " + dims.get(0));
    }
    int rows = (int) (long) dims.get(0);
    long needed = 2L * rows * width;
    if (fileSize - dataOffset < needed) {
      throw DataFormatException.inFile(
          file, "truncated .npy data: shape (" + rows + ", 2) of " + dtype + " needs " + needed
              + " bytes from offset " + dataOffset + " but the file has "
              + (fileSize - dataOffset));
    }
    return new Header(dataOffset, width, order, fortran.group(1).equals("True"), rows);
  }

  private static Interactions readData(Path file, FileChannel channel, Header header)
      throws IOException {
    int rows = header.rows();
    int[][] columns = {new int[rows], new int[rows]};
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(header.order());
    channel.position(header.dataOffset());
    long total = 2L * rows;
    long next = 0;
    while (next < total) {
      buffer.clear();
      long bytesLeft = (total - next) * header.width();
      if (bytesLeft < buffer.capacity()) {
        buffer.limit((int) bytesLeft);
      }
      if (fill(channel, buffer) < buffer.limit()) {
        throw new EOFException("file shrank while reading");
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        long value = header.width() == 8 ? buffer.getLong() : buffer.getInt();
        int row;
        int column;
        if (header.fortran()) {
          row = (int) (next % rows);
          column = (int) (next / rows);
        } else {
          row = (int) (next / 2);
          column = (int) (next % 2);
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
          long offset = header.dataOffset() + next * header.width();
          throw DataFormatException.inFile(
              file, (column == 0 ? "user" : "item") + " id " + value + " at row " + row
                  + " (byte offset " + offset + ") is "
                  + (value < 0 ? "negative" : "larger than " + Integer.MAX_VALUE));
        }
        columns[column][row] = (int) value;
        next++;
      }
    }
    return Interactions.wrap(columns[0], columns[1]);
  }

  /** Reads until the buffer is full or the channel ends; returns the bytes now in the buffer. */
  private static int fill(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        break;
      }
    }
    return buffer.position();
  }
}
