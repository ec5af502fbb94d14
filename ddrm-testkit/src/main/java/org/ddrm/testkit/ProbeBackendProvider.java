package org.ddrm.testkit;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TableBackend;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The backend the denoiser suite builds denoisers on: two free tables drawn from the run's seed,
 * whose regularisation and auxiliary loss each carry a marker, a scalar that is 0 unless fed, so
 * that a check can see how much of each reaches a stage's loss. Not registered as a service.
 */
final class ProbeBackendProvider implements EmbeddingBackendProvider {
  static final String NAME = "kit-probe";

  private ProbeBackend built;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the test kit's backend: free tables with marked regularisation and auxiliary loss";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(new SettingSpec("dim", "8", "embedding size").positive(),
        new SettingSpec("reg", "1e-4", "L2 weight").nonNegative());
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    Ops tf = graph.tf().withSubScope(NAME.replace('-', '_'));
    int dim = settings.getInt("dim");
    SplittableRandom random = new SplittableRandom(graph.nextSeed());
    TableBackend tables = TableBackend.startingFrom(tf,
        normal(random, graph.dataset().numUsers(), dim),
        normal(random, graph.dataset().numItems(), dim), (float) settings.getDouble("reg"));
    built = new ProbeBackend(tf, tables, marker(tf, "regularization_marker"),
        marker(tf, "auxiliary_marker"));
    return built;
  }

  /** The backend of the last {@link #build}. */
  ProbeBackend built() {
    return built;
  }

  private static PlaceholderWithDefault<TFloat32> marker(Ops tf, String name) {
    return tf.withName(name).placeholderWithDefault(tf.constant(0f), Shape.scalar());
  }

  private static float[][] normal(SplittableRandom random, int rows, int dim) {
    float[][] values = new float[rows][dim];
    for (float[] row : values) {
      for (int k = 0; k < dim; k++) {
        row[k] = (float) (0.1 * random.nextGaussian());
      }
    }
    return values;
  }

  /** Free tables plus the markers. */
  record ProbeBackend(Ops tf, TableBackend tables, Operand<TFloat32> regularizationMarker,
      Operand<TFloat32> auxiliaryMarker) implements EmbeddingBackend {
    @Override
    public Operand<TFloat32> userEmbeddings() {
      return tables.userEmbeddings();
    }

    @Override
    public Operand<TFloat32> itemEmbeddings() {
      return tables.itemEmbeddings();
    }

    @Override
    public UserItemTables baseEmbeddings() {
      return tables.baseEmbeddings();
    }

    @Override
    public int dimension() {
      return tables.dimension();
    }

    @Override
    public Operand<TFloat32> regularization(TripleBatch batch) {
      return tf.math.add(tables.regularization(batch), regularizationMarker);
    }

    @Override
    public Optional<Operand<TFloat32>> auxiliaryLoss(TripleBatch batch) {
      return Optional.of(auxiliaryMarker);
    }

    @Override
    public List<Variable<TFloat32>> variables() {
      return tables.variables();
    }
  }
}
