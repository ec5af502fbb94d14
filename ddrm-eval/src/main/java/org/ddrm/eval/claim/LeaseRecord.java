package org.ddrm.eval.claim;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What one claim file holds: who holds the claim (host, pid, a token unique to the holder) and
 * until when (epoch milliseconds of the holder's clock), or that it was released.
 *
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param token unique to one acquisition
 * @param expiresAtMillis when the lease runs out unless renewed
 * @param released whether the holder let it go
 */
public record LeaseRecord(String host, long pid, String token, long expiresAtMillis,
    boolean released) {
  static final long UNREADABLE_LEASE_MILLIS = 60_000;

  /** Whether another process may take the claim over at {@code nowMillis}. */
  public boolean free(long nowMillis) {
    return released || nowMillis >= expiresAtMillis;
  }

  String text() {
    return "host=" + host + "\npid=" + pid + "\ntoken=" + token + "\nexpires=" + expiresAtMillis
        + "\nreleased=" + released + "\n";
  }

  LeaseRecord renewed(long expires) {
    return new LeaseRecord(host, pid, token, expires, false);
  }

  LeaseRecord releasedNow() {
    return new LeaseRecord(host, pid, token, expiresAtMillis, true);
  }

  /**
   * The record in {@code file}; empty when the file is gone. A file that cannot be parsed (one
   * being written where hard links are missing, a damaged one) counts as held for
   * {@value #UNREADABLE_LEASE_MILLIS} ms after it was last modified, so that it never blocks for
   * good.
   */
  static Optional<LeaseRecord> read(Path file) {
    String text;
    long modified;
    try {
      modified = Files.getLastModifiedTime(file).toMillis();
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ClaimException("cannot read the claim " + file + ": " + e.getMessage(), e);
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
      if (p.getProperty("token") != null) {
        return Optional.of(new LeaseRecord(p.getProperty("host", "?"),
            Long.parseLong(p.getProperty("pid", "-1")), p.getProperty("token"),
            Long.parseLong(p.getProperty("expires", "0")),
            Boolean.parseBoolean(p.getProperty("released", "false"))));
      }
    } catch (IOException | NumberFormatException e) {
      // unreadable: held for a while after its last change, below
    }
    return Optional.of(new LeaseRecord("?", -1, "", modified + UNREADABLE_LEASE_MILLIS, false));
  }
}
