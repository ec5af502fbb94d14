package org.ddrm.core.data;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a text file through a temporary file in the same directory and an atomic rename, so a
 * reader sees either the old content or the whole new one, never a half-written file. Files are
 * left readable by the group and others (0644).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Produces a file's content. */
  public interface Content {
    void writeTo(Writer writer) throws IOException;
  }

  /** Produces a binary file's content (an image, say). */
  public interface BinaryContent {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes {@code text} to {@code file} atomically. */
  public static void write(Path file, String text) {
    write(file, writer -> writer.write(text));
  }

  /** Writes what {@code content} produces to {@code file} atomically. */
  public static void write(Path file, Content content) {
    replace(file, temp -> {
      try (BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        content.writeTo(writer);
      }
    });
  }

  /** Writes the bytes {@code content} produces to {@code file} atomically. */
  public static void writeBytes(Path file, BinaryContent content) {
    replace(file, temp -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
        content.writeTo(out);
      }
    });
  }

  private interface TempWriter {
    void fill(Path temp) throws IOException;
  }

  /**
   * A temporary file readable by everyone, writable by the owner (0644, as a file written by any
   * other tool), where the file system has POSIX permissions; {@code createTempFile} alone would
   * give 0600.
   */
  private static Path createTemp(Path dir, String prefix) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-r--r--")));
    }
    return Files.createTempFile(dir, prefix, ".tmp");
  }

  private static void replace(Path file, TempWriter fill) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = createTemp(dir, "." + target.getFileName());
      fill.fill(temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the write already failed; a stray temporary file is the lesser problem
        }
      }
    }
  }
}
