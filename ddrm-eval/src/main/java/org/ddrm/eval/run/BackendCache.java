package org.ddrm.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ddrm.api.Dataset;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.eval.claim.Claim;
import org.ddrm.eval.claim.ClaimException;
import org.ddrm.eval.claim.LeaseRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a trained backend is kept so that many denoiser runs share it: a directory under
 * {@code cache.dir} named by a hash of everything that determines the backend's weights (its
 * provider and settings, the first stage's settings, the seed, the determinism mode and the data
 * set's fingerprint), plus {@link #TRAINING_REVISION}. Beside the weights, {@code stage.json}
 * records how they were trained (epochs, selected epoch, curve), so that a plain backend run can
 * load them too and still report its training.
 *
 * <p>Many processes (workers, cluster tasks) share one cache: the process that finds an entry
 * missing claims it ({@link Claim}, under {@code cache.dir/.claims/}) and trains, the others wait
 * for the entry (or take over the claim of a trainer that died). An entry is written into a
 * temporary directory of its own and renamed into place, so it becomes visible only complete. The
 * cache is an optimisation: a failed write is a warning, never a failed run.
 */
final class BackendCache {
  /**
   * Bumped whenever a code change alters what the same settings train (sampler streams, loss,
   * initialisation), so that entries trained by older code are not loaded. 2: per-epoch sampler
   * generators derived from seed, stage and epoch. 3: Adam updates wait for every gradient.
   */
  static final int TRAINING_REVISION = 3;

  private static final String RECORD = "stage.json";
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(BackendCache.class);

  private BackendCache() {}

  /**
   * What a run does about a backend: load the complete entry, or train it (holding the entry's
   * claim when the cache could be claimed, so that others wait for this training).
   *
   * @param load whether the entry is complete and is to be loaded
   * @param claim the claim held while training, when not loading
   */
  record Access(boolean load, Optional<Claim> claim) {}

  /**
   * Waits until {@code entry} is usable (then loads it) or this process may train it: the entry's
   * claim is free or its trainer's lease ran out. A cache that cannot be claimed (not writable)
   * means training without a claim.
   */
  static Access awaitOrClaim(Path entry, BooleanSupplier usable, Duration lease) {
    boolean told = false;
    while (true) {
      if (usable.getAsBoolean()) {
        return new Access(true, Optional.empty());
      }
      Optional<Claim> claim;
      try {
        claim = Claim.tryAcquire(claimDirectory(entry), lease);
      } catch (ClaimException e) {
        log.warn("backend cache {} not usable ({}); training without it", entry, e.getMessage());
        return new Access(false, Optional.empty());
      }
      if (claim.isPresent()) {
        if (usable.getAsBoolean()) {
          claim.get().close();
          return new Access(true, Optional.empty());
        }
        return new Access(false, claim);
      }
      if (!told) {
        told = true;
        String holder = Claim.holder(claimDirectory(entry))
            .map(r -> "pid " + r.pid() + " on " + r.host()).orElse("another process");
        log.info("backend {} is being trained by {}; waiting for it", entry.getFileName(), holder);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for backend " + entry, e);
      }
    }
  }

  /** The claim on {@code entry} when it is free now (no waiting); empty otherwise. */
  static Optional<Claim> tryClaim(Path entry, Duration lease) {
    try {
      return Claim.tryAcquire(claimDirectory(entry), lease);
    } catch (ClaimException e) {
      log.warn("backend cache {} not usable ({})", entry, e.getMessage());
      return Optional.empty();
    }
  }

  /** Who trains the backend of {@code entry} now, if anyone. */
  static Optional<LeaseRecord> trainer(Path entry) {
    return Claim.holder(claimDirectory(entry));
  }

  /**
   * Stores a trained backend as {@code entry}: {@code weights} writes the weights into a fresh
   * directory, the training record joins them, and the directory is renamed to the entry in one
   * step. An entry another process completed first stays. Any failure (a full disk, an unwritable
   * cache) is logged as a warning and the temporary files go; returns whether the entry was
   * stored by this call.
   */
  static boolean publish(Path entry, Consumer<Path> weights, StageOutcome outcome) {
    Path partial =
        entry.resolveSibling(".partial-" + entry.getFileName() + "-" + UUID.randomUUID());
    try {
      weights.accept(partial);
      storeTrainingRecord(partial, outcome);
      if (Files.isRegularFile(entry.resolve(RECORD))) {
        log.info("backend {} was stored by another process meanwhile; keeping that entry",
            entry.getFileName());
        return false;
      }
      if (Files.exists(entry)) {
        // an entry of older code without its record: set aside, then replaced
        Path stale =
            entry.resolveSibling(".stale-" + entry.getFileName() + "-" + UUID.randomUUID());
        Files.move(entry, stale, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(stale);
      }
      try {
        Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the cache directory cannot rename atomically", e);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("the trained backend was not stored in the cache {} ({}); the run goes on without"
          + " caching it", entry, e.getMessage() == null ? e.toString() : e.getMessage());
      return false;
    } finally {
      deleteTree(partial);
    }
  }

  private static Path claimDirectory(Path entry) {
    return entry.resolveSibling(".claims").resolve(entry.getFileName().toString());
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot delete the temporary cache files {}: {}", root, e.getMessage());
    }
  }

  /** How the backend stored in {@code directory} was trained, if that was recorded. */
  static Optional<StageOutcome> trainingRecord(Path directory) {
    Path file = directory.resolve(RECORD);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(OutcomeJson.outcome(new ObjectMapper().readTree(file.toFile())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the backend cache record " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** Records, atomically, how the backend just stored in {@code directory} was trained. */
  static void storeTrainingRecord(Path directory, StageOutcome outcome) {
    AtomicFiles.write(directory.resolve(RECORD), RunDirectory.json(OutcomeJson.toJson(outcome)));
  }

  /** The cache directory of the backend this run would train. */
  static Path directory(MapSettings settings, String backend, Dataset dataset) {
    Map<String, String> key = new TreeMap<>();
    key.put("backend", backend);
    key.put("revision", Integer.toString(TRAINING_REVISION));
    key.put("seed", settings.getString("seed"));
    key.put("tf.deterministic", settings.getString("tf.deterministic"));
    key.put("data", dataset.fingerprint());
    settings.scope(backend).asMap().forEach((k, v) -> key.put(backend + "." + k, v));
    settings.scope("train").asMap().forEach((k, v) -> key.put("train." + k, v));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      String name = backend + "-" + HexFormat.of().formatHex(hash).substring(0, 16);
      return Path.of(FrameworkSettings.CACHE_DIR.read("", settings)).resolve(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
