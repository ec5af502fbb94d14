package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.data.Iterator;
import org.tensorflow.op.data.IteratorGetNext;
import org.tensorflow.op.data.MakeIterator;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

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

    List<Event> read = readWithTensorFlow(file);

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
    assertThat(readWithTensorFlow(second).get(1).getStep()).isEqualTo(2);
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

  /** Every record of the file, through TensorFlow's TFRecordDataset (which checks the CRCs). */
  static List<Event> readWithTensorFlow(Path file) throws Exception {
    List<Event> events = new ArrayList<>();
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      // TF Java's TfRecordDataset wrapper feeds TFRecordDatasetV2 one input short; the V1 op
      Operand<? extends TType> records = graph.opBuilder("TFRecordDataset", "records", tf.scope())
          .addInput(tf.constant(file.toString()).asOutput())
          .addInput(tf.constant("").asOutput())
          .addInput(tf.constant(0L).asOutput())
          .build().output(0);
      List<Class<? extends TType>> types = List.of(TString.class);
      List<Shape> shapes = List.of(Shape.scalar());
      Iterator iterator = tf.data.iterator("", "", types, shapes);
      MakeIterator start = tf.data.makeIterator(records, iterator);
      IteratorGetNext next = tf.data.iteratorGetNext(iterator, types, shapes);
      session.runner().addTarget(start).run();
      while (true) {
        try (Result result = session.runner().fetch(next.components().get(0)).run()) {
          byte[] bytes = ((TString) result.get(0)).asBytes().getObject();
          events.add(Event.parseFrom(bytes));
        } catch (TFOutOfRangeException end) {
          return events;
        }
      }
    }
  }
}
