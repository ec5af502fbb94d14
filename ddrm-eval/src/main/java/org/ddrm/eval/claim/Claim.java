package org.ddrm.eval.claim;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive, leased claim on a piece of work (a suite cell, a backend-cache entry) that is
 * safe across processes and machines sharing a directory. The claim directory holds numbered
 * lease files ({@code lease-N}); the highest number is the claim's current state (holder host,
 * pid, token, lease expiry, or released). Acquiring creates the next number with an atomic
 * exclusive operation (a hard link of a fully written temporary file), so of any number of
 * processes that find the claim free, exactly one gets it; a holder renews its lease from a daemon
 * thread, and a claim whose lease ran out (its holder died) is free to take over. The highest
 * file is never deleted, so numbers only grow and a stale view can never take a number twice.
 */
public final class Claim implements AutoCloseable {
  /** The lease unless {@value #LEASE_VARIABLE} names another number of seconds. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

  /** The environment variable holding the lease in seconds. */
  public static final String LEASE_VARIABLE = "DDRM_LEASE_SECONDS";

  private static final Logger log = LoggerFactory.getLogger(Claim.class);
  private static final String PREFIX = "lease-";
  private static final int ATTEMPTS = 20;
  private static final String HOST = hostName();

  private final Path directory;
  private final Path file;
  private final Duration lease;
  private final ScheduledExecutorService renewer;
  private volatile LeaseRecord record;
  private volatile boolean lost;
  private boolean closed;

  private Claim(Path directory, Path file, LeaseRecord record, Duration lease) {
    this.directory = directory;
    this.file = file;
    this.record = record;
    this.lease = lease;
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "lease " + directory.getFileName());
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(1, lease.toMillis() / 3);
    renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  /** The lease: {@value #LEASE_VARIABLE} seconds when set, else {@link #DEFAULT_LEASE}. */
  public static Duration leaseFromEnvironment() {
    String value = System.getenv(LEASE_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT_LEASE;
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(LEASE_VARIABLE + " must be a number of seconds, not '"
          + value + "'", e);
    }
  }

  /**
   * Takes the claim in {@code directory} when it is free (never taken, released, or its lease ran
   * out); empty when another process holds it.
   *
   * @throws ClaimException when the directory cannot be written
   */
  public static Optional<Claim> tryAcquire(Path directory, Duration lease) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ClaimException("cannot create the claim directory " + directory + ": " + e, e);
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<Long> numbers = numbers(directory);
      long highest = numbers.isEmpty() ? -1 : numbers.get(numbers.size() - 1);
      if (highest >= 0) {
        Optional<LeaseRecord> current = LeaseRecord.read(leaseFile(directory, highest));
        if (current.isEmpty()) {
          continue; // cleaned up under us: look again
        }
        if (!current.get().free(System.currentTimeMillis())) {
          return Optional.empty();
        }
      }
      long next = highest + 1;
      LeaseRecord mine = new LeaseRecord(HOST, ProcessHandle.current().pid(),
          UUID.randomUUID().toString(), System.currentTimeMillis() + lease.toMillis(), false);
      Path file = leaseFile(directory, next);
      if (!createExclusive(file, mine)) {
        continue; // another process took this number first
      }
      if (numbers(directory).stream().anyMatch(n -> n > next)) {
        replace(file, mine.releasedNow());
        return Optional.empty();
      }
      if (highest >= 0) {
        log.debug("claim {}: lease {} taken over", directory, highest);
      }
      numbers.stream().filter(n -> n < next).forEach(n -> deleteQuietly(leaseFile(directory, n)));
      return Optional.of(new Claim(directory, file, mine, lease));
    }
    return Optional.empty();
  }

  /** The live holder of the claim in {@code directory}, if one holds it now. */
  public static Optional<LeaseRecord> holder(Path directory) {
    return latest(directory).filter(r -> !r.free(System.currentTimeMillis()));
  }

  /** The claim's current record (live, released or expired), if it was ever taken. */
  public static Optional<LeaseRecord> latest(Path directory) {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    List<Long> numbers = numbers(directory);
    if (numbers.isEmpty()) {
      return Optional.empty();
    }
    return LeaseRecord.read(leaseFile(directory, numbers.get(numbers.size() - 1)));
  }

  /** Whether another process took the claim over (this one stalled past its lease). */
  public boolean lost() {
    return lost;
  }

  /** Stops renewing and releases the claim, so that the next process may take it at once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    renewer.shutdownNow();
    if (!lost && isHighest()) {
      try {
        replace(file, record.releasedNow());
      } catch (ClaimException e) {
        log.warn("claim {}: not released ({}); it frees itself when its lease runs out",
            directory, e.getMessage());
      }
    }
  }

  private synchronized void renew() {
    if (closed || lost) {
      return;
    }
    if (!isHighest()) {
      lost = true;
      log.warn("claim {}: taken over by another process (this one stalled past its lease of {} s)",
          directory, lease.toSeconds());
      renewer.shutdown();
      return;
    }
    try {
      record = record.renewed(System.currentTimeMillis() + lease.toMillis());
      replace(file, record);
    } catch (ClaimException e) {
      log.warn("claim {}: lease not renewed: {}", directory, e.getMessage());
    }
  }

  private boolean isHighest() {
    List<Long> numbers = numbers(directory);
    return !numbers.isEmpty()
        && leaseFile(directory, numbers.get(numbers.size() - 1)).equals(file);
  }

  private static Path leaseFile(Path directory, long number) {
    return directory.resolve(String.format(Locale.ROOT, "%s%012d", PREFIX, number));
  }

  private static List<Long> numbers(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(PREFIX) && n.length() == PREFIX.length() + 12)
          .map(n -> n.substring(PREFIX.length()))
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .map(Long::parseLong).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new ClaimException("cannot list the claim directory " + directory + ": " + e, e);
    }
  }

  /** Creates {@code file} holding {@code record} unless it exists, in one atomic step. */
  private static boolean createExclusive(Path file, LeaseRecord record) {
    Path temporary = file.resolveSibling(".tmp-" + record.token());
    try {
      Files.writeString(temporary, record.text(), StandardCharsets.UTF_8);
      try {
        Files.createLink(file, temporary);
      } catch (UnsupportedOperationException e) {
        // no hard links here: an exclusive create, written after (readers wait for content)
        Files.writeString(file, record.text(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new ClaimException("cannot write the claim " + file + ": " + e, e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  /** Replaces {@code file}'s content with {@code record} atomically. */
  private static void replace(Path file, LeaseRecord record) {
    Path temporary = file.resolveSibling(".tmp-" + UUID.randomUUID());
    try {
      Files.writeString(temporary, record.text(), StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new ClaimException("cannot write the claim " + file + ": " + e, e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("cannot delete {}", file, e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
    }
  }
}
