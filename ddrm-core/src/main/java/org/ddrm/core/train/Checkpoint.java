package org.ddrm.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * A named checkpoint of every variable of a session's graph, in TensorFlow's own format
 * ({@code NAME.index} + {@code NAME.data-*}). Saving writes under a temporary name and then moves
 * the files into place, so a crash never leaves a half-written checkpoint under the real name.
 */
public final class Checkpoint {
  private final Session session;
  private final Path directory;
  private final String name;

  public Checkpoint(Session session, Path directory, String name) {
    this.session = session;
    this.directory = directory;
    this.name = name;
  }

  public void save() {
    try {
      Files.createDirectories(directory);
      String temporary = name + ".partial";
      session.save(directory.resolve(temporary).toString());
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.filter(f -> f.getFileName().toString().startsWith(temporary + ".")).toList()) {
          String suffix = file.getFileName().toString().substring(temporary.length());
          Files.move(file, directory.resolve(name + suffix), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + directory.resolve(name), e);
    }
  }

  public boolean exists() {
    return Files.exists(directory.resolve(name + ".index"));
  }

  public void restore() {
    if (!exists()) {
      throw new IllegalStateException("no checkpoint at " + directory.resolve(name));
    }
    session.restore(directory.resolve(name).toString());
  }

  public Path path() {
    return directory.resolve(name);
  }
}
