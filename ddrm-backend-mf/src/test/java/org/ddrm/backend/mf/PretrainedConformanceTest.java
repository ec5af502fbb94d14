package org.ddrm.backend.mf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.testkit.BackendConformance;
import org.ddrm.testkit.KitData;

/**
 * The {@code pretrained} backend passes the backend kit on .npy tables of the kit's data set's
 * shape (it trains nothing, so the kit skips its training checks).
 */
class PretrainedConformanceTest extends BackendConformance {
  private static final Path TABLES = writeTables();

  @Override
  protected EmbeddingBackendProvider provider() {
    return new PretrainedBackendProvider();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("pretrained.users", TABLES.resolve("users.npy").toString(),
        "pretrained.items", TABLES.resolve("items.npy").toString());
  }

  private static Path writeTables() {
    try {
      Path directory = Files.createTempDirectory("ddrm-pretrained-kit");
      directory.toFile().deleteOnExit();
      SplittableRandom random = new SplittableRandom(5);
      writeNpy(directory.resolve("users.npy"), KitData.USERS, 8, random);
      writeNpy(directory.resolve("items.npy"), KitData.ITEMS, 8, random);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A little-endian float32 .npy file (format 1.0) of normal values. */
  private static void writeNpy(Path file, int rows, int cols, SplittableRandom random)
      throws IOException {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols
        + "), }";
    int padded = (header.length() + 11 + 63) / 64 * 64 - 10;
    header = header + " ".repeat(padded - header.length() - 1) + "\n";
    ByteBuffer out = ByteBuffer.allocate(10 + header.length() + 4 * rows * cols)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
        .put((byte) 0).putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII));
    for (int k = 0; k < rows * cols; k++) {
      out.putFloat((float) (0.1 * random.nextGaussian()));
    }
    Files.write(file, out.array());
    file.toFile().deleteOnExit();
  }
}
