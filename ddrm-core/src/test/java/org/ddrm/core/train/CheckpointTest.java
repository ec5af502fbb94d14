package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class CheckpointTest {
  @TempDir Path dir;

  @Test
  void aFailedWriteKeepsThePreviousCheckpointAndLeavesNoTemporaryFiles() throws Exception {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      tf.withName("w").variable(tf.constant(new float[] {1f, 2f}));
      try (Session session = new Session(graph)) {
        session.initialize();
        Checkpoint checkpoint = Checkpoint.allVariables(session, dir, "best");
        checkpoint.save();
        byte[] before = Files.readAllBytes(dir.resolve("best.index"));
        // a directory where TensorFlow's data file must go makes its write fail
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(f -> f.getFileName().toString().startsWith("best.data"))
              .toList()) {
            Files.createDirectories(dir.resolve("best.partial" + f.getFileName().toString()
                .substring("best".length())));
          }
        }
        assertThatThrownBy(checkpoint::save)
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageStartingWith("cannot write checkpoint " + dir.resolve("best"))
            .hasMessageNotContaining("\n");
        assertThat(Files.readAllBytes(dir.resolve("best.index"))).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
          assertThat(files.map(f -> f.getFileName().toString()))
              .noneMatch(n -> n.startsWith("best.partial") || n.contains("tempstate"));
        }
      }
    }
  }
}
