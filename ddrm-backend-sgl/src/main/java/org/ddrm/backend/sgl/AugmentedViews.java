package org.ddrm.backend.sgl;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.TrainingHook;
import org.ddrm.api.graph.BipartiteGraph;
import org.ddrm.api.graph.NormalizedAdjacency;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * SGL's two augmented views of the train graph. Each view is one adjacency (or one per layer for
 * random walks) with the train graph's edges and per-edge weights held in non-trainable
 * variables; a {@link TrainingHook} re-draws them in Java from the loop's random generator before
 * every epoch and assigns them, so every step of an epoch sees the same two views.
 */
final class AugmentedViews implements TrainingHook {
  private final BipartiteGraph graph;
  private final Augmentation augmentation;
  private final double ratio;
  private final List<List<NormalizedAdjacency>> views = new ArrayList<>();
  private final List<Placeholder<TFloat32>> inputs = new ArrayList<>();
  private final List<Op> assigns = new ArrayList<>();

  /**
   * Adds the views' weight variables and assign ops under {@code tf} and registers the re-drawing
   * hook.
   *
   * @param layers propagation layers (random walks draw one subgraph per layer)
   */
  AugmentedViews(ModelGraph model, Ops tf, NormalizedAdjacency adjacency, int layers,
      Augmentation augmentation, double ratio) {
    this.graph = adjacency.graph();
    this.augmentation = augmentation;
    this.ratio = ratio;
    int graphs = augmentation.perLayer() ? layers : 1;
    for (int v = 0; v < 2; v++) {
      List<NormalizedAdjacency> perLayer = new ArrayList<>();
      for (int g = 0; g < graphs; g++) {
        Ops scope = tf.withSubScope("view" + v + "_" + g);
        perLayer.add(adjacency.withWeights(
            scope.identity(weights(scope, "user_major")), scope.identity(weights(scope, "item_major"))));
      }
      views.add(augmentation.perLayer() ? perLayer : java.util.Collections.nCopies(layers, perLayer.get(0)));
    }
    model.addTrainingHook(this);
  }

  private Variable<TFloat32> weights(Ops scope, String name) {
    Variable<TFloat32> variable = scope.withName(name).variable(
        scope.zeros(scope.constant(Shape.of(graph.numEdges())), TFloat32.class));
    Placeholder<TFloat32> input = scope.withName(name + "_input")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(graph.numEdges())));
    inputs.add(input);
    assigns.add(scope.assign(variable, input));
    return variable;
  }

  /** The adjacency of view {@code v} (0 or 1) at each propagation layer. */
  List<NormalizedAdjacency> view(int v) {
    return views.get(v);
  }

  @Override
  public void beforeEpoch(int epoch, Session session, RandomGenerator random) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int k = 0; k < inputs.size(); k += 2) {
        float[] userMajor = graph.normalizedWeights(augmentation.keepMask(graph, ratio, random));
        TFloat32 u = TFloat32.vectorOf(userMajor);
        fed.add(u);
        TFloat32 i = TFloat32.vectorOf(graph.toItemMajor(userMajor));
        fed.add(i);
        runner.feed(inputs.get(k), u).feed(inputs.get(k + 1), i);
      }
      assigns.forEach(runner::addTarget);
      runner.run();
    } finally {
      fed.forEach(Tensor::close);
    }
  }
}
