package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ddrm.core.testing.EventFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class TensorBoardEventsTest {
  @TempDir Path dir;

  @Test
  void tensorFlowsOwnRecordReaderReadsBackEveryValueTheListenerWrote() throws Exception {
    Path file;
    try (TensorBoardEvents events = TensorBoardEvents.create(dir)) {
      TensorBoardListener listener = new TensorBoardListener(events);
      listener.onEpochEnd(new EpochReport("backend", 1, 0.6931, 1.25, 1000, Map.of()));
      listener.onEpochEnd(new EpochReport("backend", 2, 0.5, 1.5, 1000,
          Map.of("recall@20", 0.125, "ndcg@20", 0.0625)));
      listener.onEpochEnd(new EpochReport("denoiser", 1, 12.75, 0.25, 500, Map.of()));
      file = events.file();
    }

    List<Event> read = EventFiles.read(file);

    assertThat(file.getFileName().toString()).startsWith("events.out.tfevents.");
    assertThat(read).hasSize(4);
    assertThat(read.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(read.get(0).getWallTime()).isGreaterThan(1.7e9);
    assertScalars(read.get(1), 1, List.of("backend/loss", "backend/seconds_per_epoch"),
        List.of(0.6931, 1.25));
    assertScalars(read.get(2), 2, List.of("backend/loss", "backend/seconds_per_epoch",
        "backend/valid/ndcg@20", "backend/valid/recall@20"), List.of(0.5, 1.5, 0.0625, 0.125));
    assertScalars(read.get(3), 1, List.of("denoiser/loss", "denoiser/seconds_per_epoch"),
        List.of(12.75, 0.25));
  }

  @Test
  void aSecondWriterInTheSameDirectoryOpensANewFileAndLeavesTheFirstAlone() throws Exception {
    Path first;
    try (TensorBoardEvents events = TensorBoardEvents.create(dir)) {
      events.scalars(1, Map.of("backend/loss", 1.0));
      first = events.file();
    }
    byte[] before = Files.readAllBytes(first);
    Path second;
    try (TensorBoardEvents events = TensorBoardEvents.create(dir)) {
      events.scalars(2, Map.of("backend/loss", 0.5));
      second = events.file();
    }

    assertThat(second).isNotEqualTo(first);
    assertThat(Files.readAllBytes(first)).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(2);
    }
    assertThat(EventFiles.read(second).get(1).getStep()).isEqualTo(2);
  }

  @Test
  void theMaskedChecksumMatchesTensorFlowsForAKnownInput() {
    // crc32c("123456789") = 0xe3069283 (RFC 3720); masked: rotr15 + 0xa282ead8
    int crc = 0xe3069283;
    int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    assertThat(TensorBoardEvents.maskedCrc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9))
        .isEqualTo(masked);
  }

  private static void assertScalars(Event event, long step, List<String> tags, List<Double> values) {
    assertThat(event.getStep()).isEqualTo(step);
    List<Summary.Value> written = event.getSummary().getValueList();
    assertThat(written).extracting(Summary.Value::getTag).containsExactlyElementsOf(tags);
    for (int k = 0; k < values.size(); k++) {
      assertThat((double) written.get(k).getSimpleValue()).as(tags.get(k))
          .isCloseTo(values.get(k), within(1e-6));
    }
  }
}
