package org.ddrm.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Operand;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * A named checkpoint in TensorFlow's own format ({@code NAME.index} + {@code NAME.data-*}): of every
 * variable of the graph ({@link #allVariables}) or of a chosen set ({@link #of}, e.g. a backend's
 * embeddings for the backend cache). Saving writes under a temporary name and then moves the
 * files into place, so a crash never leaves a half-written checkpoint under the real name.
 */
public final class Checkpoint {
  private final Session session;
  private final Path directory;
  private final String name;
  private final Saver saver;

  private Checkpoint(Session session, Path directory, String name, Saver saver) {
    this.session = session;
    this.directory = directory;
    this.name = name;
    this.saver = saver;
  }

  /** A checkpoint of every variable in the session's graph. */
  public static Checkpoint allVariables(Session session, Path directory, String name) {
    return new Checkpoint(session, directory, name, new Saver() {
      @Override
      public void save(String prefix) {
        session.save(prefix);
      }

      @Override
      public void restore(String prefix) {
        session.restore(prefix);
      }
    });
  }

  /**
   * A checkpoint of the given variables only. Builds its save and restore ops into the graph,
   * so call it before the session initialises.
   */
  public static VariableSaver of(Ops tf, List<Variable<TFloat32>> variables) {
    return new VariableSaver(tf, variables);
  }

  /**
   * Writes the checkpoint. A failed write (a full disk, say) removes its temporary files, leaves
   * the previous checkpoint of this name as it was, and throws an {@link UncheckedIOException}
   * whose one-line message names the checkpoint and the cause.
   */
  public void save() {
    String temporary = name + ".partial";
    try {
      Files.createDirectories(directory);
      try {
        saver.save(directory.resolve(temporary).toString());
      } catch (TensorFlowException e) {
        removeTemporaryFiles(temporary);
        String message = "cannot write checkpoint " + directory.resolve(name) + ": "
            + writeFailure(e);
        throw new UncheckedIOException(message, new IOException(message, e));
      }
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.filter(f -> f.getFileName().toString().startsWith(temporary + "."))
            .toList()) {
          String suffix = file.getFileName().toString().substring(temporary.length());
          Files.move(file, directory.resolve(name + suffix), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      removeTemporaryFiles(temporary);
      throw new UncheckedIOException("cannot write checkpoint " + directory.resolve(name) + ": "
          + e.getMessage(), e);
    }
  }

  /** TensorFlow's message without its advice on memory, which a full disk does not call for. */
  private String writeFailure(TensorFlowException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("No space left on device")) {
      long free = directory.toFile().getUsableSpace();
      return "no space left on device (" + free / (1 << 20) + " MiB free in " + directory
          + "); free some space and continue with 'ddrm run --resume'";
    }
    return message.lines().findFirst().orElse(message);
  }

  private void removeTemporaryFiles(String temporary) {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(temporary))
          .toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // the write already failed; that is the error to report
    }
  }

  public boolean exists() {
    return Files.exists(directory.resolve(name + ".index"));
  }

  public void restore() {
    if (!exists()) {
      throw new IllegalStateException("no checkpoint at " + directory.resolve(name));
    }
    saver.restore(directory.resolve(name).toString());
  }

  public Path path() {
    return directory.resolve(name);
  }

  private interface Saver {
    void save(String prefix);

    void restore(String prefix);
  }

  /** Save and restore ops for a fixed set of variables, built once into the graph. */
  public static final class VariableSaver {
    private final Placeholder<TString> prefix;
    private final Op save;
    private final Op restore;

    private VariableSaver(Ops root, List<Variable<TFloat32>> variables) {
      Ops tf = root.withSubScope("checkpoint");
      prefix = tf.placeholder(TString.class);
      String[] names = variables.stream().map(v -> v.op().name()).toArray(String[]::new);
      Operand<TString> tensorNames = tf.constant(NdArrays.vectorOfObjects(names));
      Operand<TString> slices = tf.constant(
          NdArrays.vectorOfObjects(Collections.nCopies(names.length, "").toArray(String[]::new)));
      List<Operand<?>> reads = new ArrayList<>();
      variables.forEach(v -> reads.add(tf.identity(v)));
      save = tf.train.save(prefix, tensorNames, slices, reads);
      List<Class<? extends TType>> types = new ArrayList<>();
      variables.forEach(v -> types.add(TFloat32.class));
      Restore restored = tf.train.restore(prefix, tensorNames, slices, types);
      List<Op> assigns = new ArrayList<>();
      for (int k = 0; k < variables.size(); k++) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> value = (Operand<TFloat32>) restored.tensors().get(k);
        assigns.add(tf.assign(variables.get(k), value));
      }
      restore = tf.withControlDependencies(assigns).noOp();
    }

    /** The checkpoint {@code directory/name} of these variables in the given session. */
    public Checkpoint in(Session session, Path directory, String name) {
      return new Checkpoint(session, directory, name, new Saver() {
        @Override
        public void save(String path) {
          run(session, save, path);
        }

        @Override
        public void restore(String path) {
          run(session, restore, path);
        }
      });
    }

    private void run(Session session, Op op, String path) {
      try (TString value = TString.scalarOf(path)) {
        session.runner().feed(prefix, value).addTarget(op).run().close();
      }
    }
  }
}
