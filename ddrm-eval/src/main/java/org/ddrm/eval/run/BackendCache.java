package org.ddrm.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ddrm.api.Dataset;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.config.MapSettings;

/**
 * Where a trained backend is kept so that many denoiser runs share it: a directory under
 * {@code cache.dir} named by a hash of everything that determines the backend's weights (its
 * provider and settings, the first stage's settings, the seed, the determinism mode and the data
 * set's fingerprint), plus {@link #TRAINING_REVISION}. Beside the weights, {@code stage.json}
 * records how they were trained (epochs, selected epoch, curve), so that a plain backend run can
 * load them too and still report its training.
 */
final class BackendCache {
  /**
   * Bumped whenever a code change alters what the same settings train (sampler streams, loss,
   * initialisation), so that entries trained by older code are not loaded. 2: per-epoch sampler
   * generators derived from seed, stage and epoch. 3: Adam updates wait for every gradient.
   */
  static final int TRAINING_REVISION = 3;

  private static final String RECORD = "stage.json";

  private BackendCache() {}

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
      return Path.of(settings.getString("cache.dir")).resolve(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
