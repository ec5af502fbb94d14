package org.ddrm.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.data.Iterator;
import org.tensorflow.op.data.IteratorGetNext;
import org.tensorflow.proto.Event;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Reads TensorBoard event files back with TensorFlow's own TFRecordDataset (which checks the
 * CRCs). Shared with ddrm-eval's tests through ddrm-core's test jar.
 */
public final class EventFiles {
  private EventFiles() {}

  /** The run directory's event files, oldest name first. */
  public static List<Path> in(Path runDirectory) {
    try (Stream<Path> files = Files.list(runDirectory)) {
      return files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents."))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every event of one file. */
  public static List<Event> read(Path file) throws Exception {
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
      session.runner().addTarget(tf.data.makeIterator(records, iterator)).run();
      IteratorGetNext next = tf.data.iteratorGetNext(iterator, types, shapes);
      while (true) {
        try (Result result = session.runner().fetch(next.components().get(0)).run()) {
          events.add(Event.parseFrom(((TString) result.get(0)).asBytes().getObject()));
        } catch (TFOutOfRangeException end) {
          return events;
        }
      }
    }
  }
}
