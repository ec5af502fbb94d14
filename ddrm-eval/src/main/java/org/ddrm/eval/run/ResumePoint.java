package org.ddrm.eval.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.ddrm.api.BatchSource;
import org.ddrm.core.train.Checkpoint;
import org.ddrm.core.train.CurveRecorder;
import org.ddrm.core.train.EarlyStopping;
import org.ddrm.core.train.EpochReport;
import org.ddrm.core.train.TrainingListener;
import org.tensorflow.Session;

/**
 * After every epoch, checkpoints the whole graph (so Adam's slots and powers too) under a name
 * carrying stage and epoch, then records the {@link ResumeState} that names it, then removes the
 * previous one: an interruption at any moment leaves a consistent pair to resume from. Comes
 * after early stopping and the curve recorder among the listeners.
 */
final class ResumePoint implements TrainingListener {
  private static final String PREFIX = "resume-";

  private final Session session;
  private final Path modelDirectory;
  private final String run;
  private final Map<String, String> settings;
  private final List<StageOutcome> finished;
  private final int stage;
  private final EarlyStopping stopping;
  private final CurveRecorder curve;
  private final BatchSource batches;
  private final DoubleSupplier elapsedSeconds;

  ResumePoint(Session session, Path modelDirectory, String run, Map<String, String> settings,
      List<StageOutcome> finished, int stage, EarlyStopping stopping, CurveRecorder curve,
      BatchSource batches, DoubleSupplier elapsedSeconds) {
    this.session = session;
    this.modelDirectory = modelDirectory;
    this.run = run;
    this.settings = settings;
    this.finished = List.copyOf(finished);
    this.stage = stage;
    this.stopping = stopping;
    this.curve = curve;
    this.batches = batches;
    this.elapsedSeconds = elapsedSeconds;
  }

  @Override
  public EpochReport onEpochEnd(EpochReport report) {
    String name = PREFIX + stage + "-" + report.epoch();
    Checkpoint.allVariables(session, modelDirectory, name).save();
    new ResumeState(run, settings, finished, stage, report.epoch(), stopping.state(),
        curve.reports(), name, batches.carriedState(), elapsedSeconds.getAsDouble())
        .write(modelDirectory);
    removeCheckpointsBut(modelDirectory, name);
    return report;
  }

  /** Restores the variables of a state's checkpoint into the session. */
  static void restore(Session session, Path modelDirectory, ResumeState state) {
    Checkpoint.allVariables(session, modelDirectory, state.checkpoint()).restore();
  }

  /** Removes the resume state and every resume checkpoint (once the run is complete). */
  static void clear(Path modelDirectory) {
    removeCheckpointsBut(modelDirectory, null);
    try {
      Files.deleteIfExists(modelDirectory.resolve(ResumeState.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + modelDirectory.resolve(ResumeState.FILE), e);
    }
  }

  private static void removeCheckpointsBut(Path modelDirectory, String keep) {
    if (!Files.isDirectory(modelDirectory)) {
      return;
    }
    try (Stream<Path> files = Files.list(modelDirectory)) {
      for (Path file : files.toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.startsWith(PREFIX) && (keep == null || !fileName.startsWith(keep + "."))) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy the resume checkpoints in " + modelDirectory, e);
    }
  }
}
