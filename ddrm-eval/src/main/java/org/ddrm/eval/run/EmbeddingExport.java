package org.ddrm.eval.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.core.train.EmbeddingPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Writes a run's final embedding tables as {@code .npy} ({@link NpyTable}): the backend's final
 * user and item tables ({@value #USERS}, {@value #ITEMS}) and, for a denoiser whose scores are
 * inner products of tables of its own (DDRM), the users' generated vectors and the item table
 * they are scored against ({@code <denoiser>_user_embeddings.npy}, {@code
 * <denoiser>_item_embeddings.npy}). Their row-wise inner products are the model's scores. Build
 * it before the session initialises: it adds its ops to the graph.
 */
public final class EmbeddingExport {
  public static final String USERS = "user_embeddings.npy";
  public static final String ITEMS = "item_embeddings.npy";

  private static final Logger log = LoggerFactory.getLogger(EmbeddingExport.class);

  private final UserItemTables backend;
  private final String denoiserName;
  private final Placeholder<TInt32> users;
  private final Optional<UserItemTables> denoiser;

  private EmbeddingExport(Ops tf, EmbeddingPipeline pipeline, String denoiserName) {
    this.backend = new UserItemTables(pipeline.backend().userEmbeddings(),
        pipeline.backend().itemEmbeddings());
    this.denoiserName = denoiserName;
    Ops export = tf.withSubScope("export");
    this.users = export.withName("users").placeholder(TInt32.class,
        Placeholder.shape(Shape.of(-1)));
    this.denoiser = pipeline.denoiser().scoringTables(users);
  }

  /** The export of a backend + denoiser run; empty for stand-alone recommenders. */
  static Optional<EmbeddingExport> of(Ops tf, Optional<EmbeddingPipeline> pipeline,
      String denoiserName) {
    return pipeline.map(p -> new EmbeddingExport(tf, p, denoiserName));
  }

  /** Writes the tables into {@code directory}; returns the files written. */
  List<Path> write(Session session, Path directory, int numUsers, int batchSize) {
    List<Path> files = new ArrayList<>();
    try (Result tables = session.runner().fetch(backend.users()).fetch(backend.items()).run()) {
      files.add(write(directory.resolve(USERS), (TFloat32) tables.get(0)));
      files.add(write(directory.resolve(ITEMS), (TFloat32) tables.get(1)));
    }
    if (denoiser.isPresent()) {
      files.add(writeGenerated(session, directory.resolve(denoiserName + "_user_embeddings.npy"),
          numUsers, batchSize));
      try (Result items = session.runner().fetch(denoiser.get().items()).run()) {
        files.add(write(directory.resolve(denoiserName + "_item_embeddings.npy"),
            (TFloat32) items.get(0)));
      }
    }
    log.info("exported embeddings: {}", files.stream().map(f -> f.getFileName().toString()).toList());
    return files;
  }

  private Path writeGenerated(Session session, Path file, int numUsers, int batchSize) {
    float[] values = null;
    int columns = 0;
    for (int from = 0; from < numUsers; from += batchSize) {
      int to = Math.min(numUsers, from + batchSize);
      int[] batch = IntStream.range(from, to).toArray();
      try (TInt32 feed = TInt32.vectorOf(batch);
          Result rows = session.runner().feed(users, feed).fetch(denoiser.get().users()).run()) {
        TFloat32 part = (TFloat32) rows.get(0);
        if (values == null) {
          columns = (int) part.shape().size(1);
          values = new float[numUsers * columns];
        }
        float[] chunk = new float[batch.length * columns];
        part.copyTo(DataBuffers.of(chunk, false, false));
        System.arraycopy(chunk, 0, values, from * columns, chunk.length);
      }
    }
    new NpyTable(numUsers, columns, values == null ? new float[0] : values).write(file);
    return file;
  }

  private static Path write(Path file, TFloat32 table) {
    int rows = (int) table.shape().size(0);
    int columns = (int) table.shape().size(1);
    float[] values = new float[rows * columns];
    table.copyTo(DataBuffers.of(values, false, false));
    new NpyTable(rows, columns, values).write(file);
    return file;
  }
}
